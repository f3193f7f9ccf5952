package dev.stsbridge.verifier.saml;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.stsbridge.verifier.AwsException;

/**
 * The SAML signature profile, checked on the DOM before Santuario sees the signature (as OpenSAML's
 * {@code SAMLSignatureProfileValidator} does): {@code ds:Signature} holds SignedInfo, SignatureValue and at most a
 * KeyInfo (which is never read), and no {@code ds:Object}; exactly one Reference whose URI is {@code #} + the ID of
 * the element the signature is a child of; transforms only enveloped-signature and exclusive c14n (with or without
 * an InclusiveNamespaces prefix list), so no XPath, XSLT or other transform; algorithms from the lists of
 * ../shared/AWS-SAML.md §0 (SHA-1 accepted with a warning; MD5 and HMAC refused).
 */
final class SignatureProfile {
    private static final String EXC_C14N_NS = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /** Signature algorithm -> whether it only passes with a warning. */
    private static final Map<String, Boolean> SIGNATURE_METHODS = Map.of(
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, false, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384, false,
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512, false, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256, false,
            XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384, false, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512, false,
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1, true);
    private static final Map<String, Boolean> DIGEST_METHODS = Map.of(
            MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256, false, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA384, false,
            MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512, false, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1, true);
    private static final Set<String> CANONICALIZATIONS = Set.of(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS);
    private static final Set<String> TRANSFORMS = Set.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
            Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);

    private SignatureProfile() {
    }

    /**
     * Checks {@code signature}, a direct child of the element whose ID is {@code id}.
     *
     * @return warnings to log (weak but accepted algorithms)
     */
    static List<String> check(Element signature, String id) {
        requireChildren(signature, List.of("SignedInfo", "SignatureValue", "KeyInfo"), "Signature");
        Element signedInfo = single(signature, "SignedInfo");
        single(signature, "SignatureValue");
        requireChildren(signedInfo, List.of("CanonicalizationMethod", "SignatureMethod", "Reference"), "SignedInfo");
        allowed(algorithm(single(signedInfo, "CanonicalizationMethod")), CANONICALIZATIONS, "canonicalization");
        String signatureMethod = algorithm(single(signedInfo, "SignatureMethod"));
        if (!SIGNATURE_METHODS.containsKey(signatureMethod)) {
            throw refused("signature algorithm not allowed: " + StsErrors.echo(signatureMethod));
        }
        List<Element> references = SamlXml.children(signedInfo, SamlNames.DSIG, "Reference");
        if (references.size() != 1) {
            throw refused("the signature must have exactly one Reference, it has " + references.size());
        }
        String digestMethod = checkReference(references.get(0), id);
        return warnings(signatureMethod, digestMethod);
    }

    private static String checkReference(Element reference, String id) {
        String uri = reference.hasAttributeNS(null, "URI") ? reference.getAttributeNS(null, "URI") : "<absent>";
        if (!uri.equals("#" + id)) {
            throw refused("the Reference URI " + StsErrors.echo(uri) + " is not the ID of the signed element");
        }
        requireChildren(reference, List.of("Transforms", "DigestMethod", "DigestValue"), "Reference");
        checkTransforms(single(reference, "Transforms"));
        single(reference, "DigestValue");
        String digestMethod = algorithm(single(reference, "DigestMethod"));
        if (!DIGEST_METHODS.containsKey(digestMethod)) {
            throw refused("digest algorithm not allowed: " + StsErrors.echo(digestMethod));
        }
        return digestMethod;
    }

    private static void checkTransforms(Element transforms) {
        requireChildren(transforms, List.of("Transform"), "Transforms");
        Set<String> seen = new HashSet<>();
        for (Element transform : SamlXml.children(transforms, SamlNames.DSIG, "Transform")) {
            String algorithm = algorithm(transform);
            allowed(algorithm, TRANSFORMS, "transform");
            if (!seen.add(algorithm)) {
                throw refused("transform repeated: " + StsErrors.echo(algorithm));
            }
            checkTransformContent(transform);
        }
        if (!seen.contains(Transforms.TRANSFORM_ENVELOPED_SIGNATURE)) {
            throw refused("the enveloped-signature transform is missing");
        }
    }

    /** Only an exclusive c14n transform may hold something: one InclusiveNamespaces prefix list. */
    private static void checkTransformContent(Element transform) {
        for (Node n = transform.getFirstChild(); n != null; n = n.getNextSibling()) {
            boolean prefixList = SamlXml.is(n, EXC_C14N_NS, "InclusiveNamespaces")
                    && Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS.equals(algorithm(transform))
                    && ((Element) n).getChildNodes().getLength() == 0;
            if (n.getNodeType() == Node.ELEMENT_NODE && !prefixList) {
                throw refused("unexpected <" + n.getLocalName() + "> inside a Transform");
            }
        }
    }

    /** Every element child of {@code parent} is a ds: element named in {@code names}. */
    private static void requireChildren(Element parent, List<String> names, String where) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE
                    && (!SamlNames.DSIG.equals(n.getNamespaceURI()) || !names.contains(n.getLocalName()))) {
                throw refused("unexpected <" + n.getLocalName() + "> in " + where);
            }
        }
    }

    private static Element single(Element parent, String localName) {
        List<Element> found = SamlXml.children(parent, SamlNames.DSIG, localName);
        if (found.size() != 1) {
            throw refused(parent.getLocalName() + " must have exactly one " + localName);
        }
        return found.get(0);
    }

    private static String algorithm(Element element) {
        return element.getAttributeNS(null, "Algorithm");
    }

    private static void allowed(String algorithm, Set<String> allowed, String what) {
        if (!allowed.contains(algorithm)) {
            throw refused(what + " algorithm not allowed: " + StsErrors.echo(algorithm));
        }
    }

    private static List<String> warnings(String signatureMethod, String digestMethod) {
        List<String> warnings = new java.util.ArrayList<>();
        if (SIGNATURE_METHODS.get(signatureMethod)) {
            warnings.add("weak signature algorithm accepted: " + signatureMethod);
        }
        if (DIGEST_METHODS.get(digestMethod)) {
            warnings.add("weak digest algorithm accepted: " + digestMethod);
        }
        return warnings;
    }

    private static AwsException refused(String why) {
        return new AwsException(StsErrors.signatureRefused(why));
    }
}
