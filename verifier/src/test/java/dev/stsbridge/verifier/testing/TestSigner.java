package dev.stsbridge.verifier.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.TransformationException;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.XMLUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.stsbridge.verifier.saml.SamlNames;

/** Signs SAML elements with Santuario as an IdP does (enveloped, exclusive c14n, KeyInfo with the certificate). */
public final class TestSigner {
    static {
        System.setProperty("org.apache.xml.security.ignoreLineBreaks", "true");
        Init.init();
    }

    /** Extra steps on the Transforms of a signature (hostile fixtures add XPath or XSLT here). */
    @FunctionalInterface
    public interface TransformsCustomizer {
        void customize(Transforms transforms) throws XMLSecurityException;
    }

    private TestSigner() {
    }

    /** Signs {@code element} with the usual profile; the Signature goes after its Issuer. */
    public static Element sign(Element element, TestKeys keys, String signatureAlgorithm, String digestAlgorithm) {
        return sign(element, keys.privateKey(), Optional.of(keys.certificate()), signatureAlgorithm, digestAlgorithm,
                "#" + element.getAttributeNS(null, "ID"), transforms -> {
                    transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
                    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
                });
    }

    /** Signs {@code element} in any way a hostile fixture needs. */
    public static Element sign(Element element, Key key, Optional<X509Certificate> keyInfo, String signatureAlgorithm,
                               String digestAlgorithm, String referenceUri, TransformsCustomizer customizer) {
        try {
            Document document = element.getOwnerDocument();
            element.setIdAttributeNS(null, "ID", true);
            XMLSignature signature = new XMLSignature(document, "", signatureAlgorithm,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            element.insertBefore(signature.getElement(), afterIssuer(element));
            Transforms transforms = new Transforms(document);
            customizer.customize(transforms);
            signature.addDocument(referenceUri, transforms, digestAlgorithm);
            if (keyInfo.isPresent()) {
                signature.addKeyInfo(keyInfo.get());
            }
            signature.sign(key);
            return signature.getElement();
        } catch (XMLSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Node afterIssuer(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (SamlNames.ASSERTION.equals(n.getNamespaceURI()) && "Issuer".equals(n.getLocalName())) {
                return n.getNextSibling();
            }
        }
        return element.getFirstChild();
    }

    /** The document as XML text, byte for byte as it is (no pretty-printing, comments kept). */
    public static String serialize(Node node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLUtils.outputDOM(node, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
