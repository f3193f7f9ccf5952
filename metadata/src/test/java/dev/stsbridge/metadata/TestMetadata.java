package dev.stsbridge.metadata;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.xml.SecureXml;

/** Metadata documents for tests: built and signed by the real code, or signed by hand to break one rule. */
final class TestMetadata {

    private TestMetadata() {
    }

    static Document unsigned() {
        return new IdpMetadataBuilder().build(IdpIdentity.demo(), List.of(TestKeys.current().certificate()));
    }

    /** Signed by the current key, exactly as {@code metadata export --sign} does. */
    static byte[] signed() {
        return new MetadataSigner().signToBytes(unsigned(), TestKeys.current());
    }

    static String signedText() {
        return text(signed());
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Signs the document element with exactly the given algorithms, transforms and Reference URI, so that a
     * test can produce a genuinely valid signature that breaks one rule of the profile.
     */
    static byte[] signedWith(Document document, SigningKey key, String signatureAlgorithm, String digestAlgorithm,
                             List<String> transforms, String referenceUri) {
        try {
            Element root = document.getDocumentElement();
            root.setIdAttributeNS(null, "ID", true);
            XMLSignature signature = new XMLSignature(document, "", signatureAlgorithm,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            root.insertBefore(signature.getElement(), root.getFirstChild());
            Transforms chain = new Transforms(document);
            for (String transform : transforms) {
                chain.addTransform(transform);
            }
            signature.addDocument(referenceUri, chain, digestAlgorithm);
            signature.addKeyInfo(key.certificate());
            signature.sign(key.privateKey());
            return SecureXml.toBytes(document);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String rootId(Document document) {
        return document.getDocumentElement().getAttribute("ID");
    }
}
