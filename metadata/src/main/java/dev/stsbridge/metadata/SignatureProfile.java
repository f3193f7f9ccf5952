package dev.stsbridge.metadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.stsbridge.metadata.MetadataException.Kind;

/**
 * The structural rules a metadata signature must follow before its cryptography is even looked at (OpenSAML's
 * SAML signature profile, applied to the document element): exactly one {@code ds:Signature}, a direct child
 * of the document element, and no other signature anywhere; exactly one Reference whose URI is {@code ""} or
 * {@code #<the document element's ID>}; IDs unique in the document; transforms only enveloped-signature and
 * exclusive c14n; accepted algorithms only; no {@code ds:Object}. Together these mean the signature covers
 * exactly the element we go on to read, which closes the door on signature wrapping.
 */
final class SignatureProfile {

    private static final String DS = Constants.SignatureSpecNS;
    private static final int MAX_TRANSFORMS = 2;

    private SignatureProfile() {
    }

    /** Checks the rules, registers the {@code ID} attributes, and returns the signature element. */
    static Element check(Document document) {
        Element root = document.getDocumentElement();
        Element signature = onlySignature(root, document.getElementsByTagNameNS(DS, "Signature"));
        String rootId = registerUniqueIds(document);
        Element signedInfo = requiredChild(signature, "SignedInfo");
        checkAlgorithm(requiredChild(signedInfo, "CanonicalizationMethod"), SignatureAlgorithms.CANONICALIZATION,
                "canonicalization method %s is refused: only exclusive c14n is accepted");
        String signatureMethod = requiredChild(signedInfo, "SignatureMethod").getAttributeNS(null, "Algorithm");
        if (!SignatureAlgorithms.SIGNATURE.contains(signatureMethod)) {
            throw invalid(SignatureAlgorithms.refusedSignature(signatureMethod));
        }
        Element reference = onlyReference(signedInfo);
        checkReferenceUri(reference, rootId);
        checkTransforms(reference);
        String digest = requiredChild(reference, "DigestMethod").getAttributeNS(null, "Algorithm");
        if (!SignatureAlgorithms.DIGEST.contains(digest)) {
            throw invalid(SignatureAlgorithms.refusedDigest(digest));
        }
        if (!children(signature, "Object").isEmpty()) {
            throw invalid("the signature carries a ds:Object, which is not allowed");
        }
        return signature;
    }

    private static Element onlySignature(Element root, NodeList all) {
        List<Element> direct = children(root, "Signature");
        if (direct.isEmpty()) {
            if (all.getLength() == 0) {
                throw new MetadataException(Kind.SIGNATURE_MISSING, "the document is not signed (no ds:Signature)");
            }
            throw new MetadataException(Kind.SIGNATURE_MISSING, "the document element <" + root.getTagName()
                    + "> is not signed; the only ds:Signature is inside <" + ((Element) all.item(0).getParentNode()).getTagName() + ">");
        }
        if (direct.size() > 1) {
            throw invalid("the document element has " + direct.size() + " ds:Signature elements; exactly one is allowed");
        }
        if (all.getLength() > 1) {
            Element other = (Element) (all.item(0) == direct.get(0) ? all.item(1) : all.item(0));
            throw invalid("a second ds:Signature inside <" + ((Element) other.getParentNode()).getTagName()
                    + ">: only the document element's signature is allowed");
        }
        return direct.get(0);
    }

    /** Registers every {@code ID} attribute as an XML ID (so the Reference resolves) and refuses duplicates. */
    private static String registerUniqueIds(Document document) {
        Map<String, Integer> seen = new HashMap<>();
        NodeList elements = document.getElementsByTagName("*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            Attr id = element.getAttributeNodeNS(null, MetadataSigner.ID_ATTRIBUTE);
            if (id != null) {
                element.setIdAttributeNode(id, true);
                seen.merge(id.getValue(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> entry : seen.entrySet()) {
            if (entry.getValue() > 1) {
                throw invalid("the ID '" + entry.getKey() + "' appears on " + entry.getValue()
                        + " elements; IDs must be unique (signature wrapping?)");
            }
        }
        return document.getDocumentElement().getAttributeNS(null, MetadataSigner.ID_ATTRIBUTE);
    }

    private static Element onlyReference(Element signedInfo) {
        List<Element> references = children(signedInfo, "Reference");
        if (references.size() != 1) {
            throw invalid("the signature has " + references.size() + " References; exactly one is allowed");
        }
        return references.get(0);
    }

    private static void checkReferenceUri(Element reference, String rootId) {
        if (!reference.hasAttributeNS(null, "URI")) {
            throw invalid("the signature's Reference has no URI; it must be \"\" or \"#<ID of the document element>\"");
        }
        String uri = reference.getAttributeNS(null, "URI");
        if (uri.isEmpty() || (!rootId.isEmpty() && uri.equals("#" + rootId))) {
            return;
        }
        String rootText = rootId.isEmpty() ? "which has no ID" : "ID '" + rootId + "'";
        throw invalid("the signature's Reference URI '" + uri + "' does not point at the document element (" + rootText + ")");
    }

    private static void checkTransforms(Element reference) {
        List<Element> transforms = children(reference, "Transforms").stream()
                .flatMap(t -> children(t, "Transform").stream()).toList();
        List<String> algorithms = new ArrayList<>();
        for (Element transform : transforms) {
            String algorithm = transform.getAttributeNS(null, "Algorithm");
            if (!SignatureAlgorithms.TRANSFORMS.contains(algorithm)) {
                throw invalid("transform " + algorithm + " is not allowed (only enveloped-signature and exclusive c14n)");
            }
            if (algorithms.contains(algorithm)) {
                throw invalid("transform " + algorithm + " appears twice");
            }
            algorithms.add(algorithm);
        }
        if (algorithms.size() > MAX_TRANSFORMS) {
            throw invalid("the Reference has " + algorithms.size() + " transforms; at most 2 are allowed");
        }
        if (!algorithms.contains(Transforms.TRANSFORM_ENVELOPED_SIGNATURE)) {
            throw invalid("the Reference lacks the enveloped-signature transform");
        }
    }

    private static void checkAlgorithm(Element method, java.util.Set<String> allowed, String refusal) {
        String algorithm = method.getAttributeNS(null, "Algorithm");
        if (!allowed.contains(algorithm)) {
            throw invalid(String.format(refusal, algorithm));
        }
    }

    private static Element requiredChild(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.size() != 1) {
            throw invalid("ds:" + parent.getLocalName() + " must have exactly one ds:" + localName + ", has " + found.size());
        }
        return found.get(0);
    }

    /** The element children of {@code parent} in the XML signature namespace with the given local name. */
    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && DS.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static MetadataException invalid(String message) {
        return new MetadataException(Kind.SIGNATURE_INVALID, message);
    }
}
