package dev.stsbridge.verifier.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPathContainer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSigner;

/**
 * Hostile signatures, one factory method per signature-profile rule: stripped, emptied or tampered signatures,
 * wrong keys, refused algorithms, references to anything but the signed element, refused transforms.
 */
final class HostileSignatures {
    private static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private HostileSignatures() {
    }

    private static Document signed() {
        return TestResponse.alice().signedDocument();
    }

    private static Document unsigned() {
        return TestResponse.alice().signed(TestResponse.Signed.NONE).signedDocument();
    }

    static Document signatureStripped() {
        Document document = signed();
        Dom.removeSignature(Dom.assertion(document));
        return document;
    }

    static Document signatureValueEmptied() {
        Document document = signed();
        Dom.first(Dom.assertion(document), SamlNames.DSIG, "SignatureValue").setTextContent("");
        return document;
    }

    static Document digestValueTampered() {
        Document document = signed();
        Dom.first(Dom.assertion(document), SamlNames.DSIG, "DigestValue")
                .setTextContent("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        return document;
    }

    /** The NameID is changed after signing. */
    static Document contentTampered() {
        Document document = signed();
        Dom.first(Dom.assertion(document), SamlNames.ASSERTION, "NameID").setTextContent("admin@example.com");
        return document;
    }

    /** Signed by a key that no metadata registers, its certificate offered in KeyInfo. */
    static Document signedByAttackerWithCertificateInKeyInfo() {
        return TestResponse.alice().signingKey(TestKeys.attacker()).signedDocument();
    }

    /** Signed by another provider's registered key. */
    static Document signedByOtherProvidersKey() {
        return TestResponse.alice().signingKey(TestKeys.otherIdp()).signedDocument();
    }

    /** HMAC-SHA256 "signature" with a key the attacker chose. */
    static Document hmacSignature() {
        Document document = unsigned();
        Element assertion = Dom.assertion(document);
        TestSigner.sign(assertion, new SecretKeySpec("attacker-chosen-secret".getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256"), Optional.empty(), XMLSignature.ALGO_ID_MAC_HMAC_SHA256, SHA256,
                "#" + assertion.getAttributeNS(null, "ID"), HostileSignatures::standardTransforms);
        return document;
    }

    static Document rsaMd5Signature() {
        return TestResponse.alice().signatureAlgorithm(XMLSignature.ALGO_ID_SIGNATURE_NOT_RECOMMENDED_RSA_MD5)
                .signedDocument();
    }

    /** The DigestMethod says MD5 (Santuario refuses to even compute one, so the algorithm is swapped after signing). */
    static Document md5Digest() {
        Document document = signed();
        Dom.first(Dom.assertion(document), SamlNames.DSIG, "DigestMethod")
                .setAttributeNS(null, "Algorithm", "http://www.w3.org/2001/04/xmldsig-more#md5");
        return document;
    }

    /** A valid signature inside the Assertion whose Reference points at the Response. */
    static Document referenceToAnotherId() {
        Document document = unsigned();
        Element assertion = Dom.assertion(document);
        Dom.response(document).setIdAttributeNS(null, "ID", true);
        TestSigner.sign(assertion, TestKeys.idp().privateKey(), Optional.of(TestKeys.idp().certificate()), RSA_SHA256,
                SHA256, "#" + Dom.response(document).getAttributeNS(null, "ID"), HostileSignatures::standardTransforms);
        return document;
    }

    /** A valid signature over the whole document ({@code URI=""}). */
    static Document emptyReferenceUri() {
        Document document = unsigned();
        TestSigner.sign(Dom.assertion(document), TestKeys.idp().privateKey(), Optional.of(TestKeys.idp().certificate()),
                RSA_SHA256, SHA256, "", HostileSignatures::standardTransforms);
        return document;
    }

    /** The Reference URI is replaced by an external one (fetching it would be the vulnerability). */
    static Document externalReferenceUri(String uri) {
        Document document = signed();
        Dom.first(Dom.assertion(document), SamlNames.DSIG, "Reference").setAttributeNS(null, "URI", uri);
        return document;
    }

    /** A valid signature with an XPath transform added (a transform that can select anything). */
    static Document xpathTransform() {
        Document document = unsigned();
        Element assertion = Dom.assertion(document);
        TestSigner.sign(assertion, TestKeys.idp().privateKey(), Optional.of(TestKeys.idp().certificate()), RSA_SHA256,
                SHA256, "#" + assertion.getAttributeNS(null, "ID"), transforms -> {
                    transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
                    XPathContainer xpath = new XPathContainer(transforms.getDocument());
                    xpath.setXPathNamespaceContext("ds", SamlNames.DSIG);
                    xpath.setXPath("not(ancestor-or-self::ds:Signature)");
                    transforms.addTransform(Transforms.TRANSFORM_XPATH, xpath.getElementPlusReturns());
                    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
                });
        return document;
    }

    /** An XSLT transform that would read /etc/passwd, placed in the Reference. */
    static Document xsltTransform() {
        Document document = signed();
        Element transforms = Dom.first(Dom.assertion(document), SamlNames.DSIG, "Transforms");
        Element transform = Dom.element(document, SamlNames.DSIG, "ds:Transform");
        transform.setAttributeNS(null, "Algorithm", Transforms.TRANSFORM_XSLT);
        Element stylesheet = Dom.element(document, "http://www.w3.org/1999/XSL/Transform", "xsl:stylesheet");
        stylesheet.setAttributeNS(null, "version", "1.0");
        Element template = Dom.element(document, "http://www.w3.org/1999/XSL/Transform", "xsl:template");
        template.setAttributeNS(null, "match", "/");
        Element copy = Dom.element(document, "http://www.w3.org/1999/XSL/Transform", "xsl:copy-of");
        copy.setAttributeNS(null, "select", "document('file:///etc/passwd')");
        template.appendChild(copy);
        stylesheet.appendChild(template);
        transform.appendChild(stylesheet);
        transforms.insertBefore(transform, transforms.getFirstChild());
        return document;
    }

    static Document twoReferences() {
        Document document = signed();
        Element reference = Dom.first(Dom.assertion(document), SamlNames.DSIG, "Reference");
        reference.getParentNode().appendChild(reference.cloneNode(true));
        return document;
    }

    static Document signatureWithObject() {
        Document document = signed();
        Element signature = Dom.signatureOf(Dom.assertion(document));
        signature.appendChild(Dom.element(document, SamlNames.DSIG, "ds:Object"));
        return document;
    }

    static Document signedElementWithoutId() {
        Document document = signed();
        Dom.assertion(document).removeAttributeNS(null, "ID");
        return document;
    }

    private static void standardTransforms(Transforms transforms) throws org.apache.xml.security.transforms.TransformationException {
        transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    }
}
