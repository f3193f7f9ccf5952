package dev.stsbridge.metadata;

import java.util.Objects;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;

/**
 * Signs a metadata document: an enveloped signature on the document element, placed as its first child (where
 * the SAML metadata schema wants {@code ds:Signature}); RSA-SHA256 (ECDSA-SHA256 for EC keys), exclusive
 * canonicalisation, one Reference to the element's {@code ID}, transforms enveloped-signature and exclusive
 * c14n, SHA-256 digest, and a KeyInfo with only the signing certificate.
 *
 * <p>Santuario signs the DOM directly (rather than OpenSAML's signer) so that any metadata document can be
 * signed, not only the one we build. RSA PKCS#1 v1.5 signatures are deterministic: the same document and key
 * give the same bytes. Serialise the result only with {@link SecureXml#toBytes}: never pretty-print after
 * signing.
 */
public final class MetadataSigner {

    static final String ID_ATTRIBUTE = "ID";

    public MetadataSigner() {
        OpenSaml.initialize();
    }

    /**
     * Signs the document element in place. A document element without an {@code ID} attribute gets one derived
     * from its content.
     *
     * @throws MetadataException ({@link MetadataException.Kind#UNUSABLE}) if the document is already signed
     */
    public void sign(Document document, SigningKey key) {
        Objects.requireNonNull(key, "key");
        Element root = document.getDocumentElement();
        if (firstSignatureChild(root) != null) {
            throw new MetadataException(MetadataException.Kind.UNUSABLE,
                    "the document is already signed (it has a ds:Signature): sign the unsigned document");
        }
        if (!root.hasAttributeNS(null, ID_ATTRIBUTE)) {
            root.setAttributeNS(null, ID_ATTRIBUTE, IdpMetadataBuilder.contentId(SecureXml.toBytes(document)));
        }
        root.setIdAttributeNS(null, ID_ATTRIBUTE, true);
        try {
            XMLSignature signature = new XMLSignature(document, "", signatureAlgorithm(key.algorithm()),
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            root.insertBefore(signature.getElement(), firstElementChild(root));
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("#" + root.getAttributeNS(null, ID_ATTRIBUTE), transforms,
                    MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
            signature.addKeyInfo(key.certificate());
            signature.sign(key.privateKey());
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("cannot sign the metadata: " + e.getMessage(), e);
        }
    }

    /** Signs and serialises: the exact bytes to publish or upload. */
    public byte[] signToBytes(Document document, SigningKey key) {
        sign(document, key);
        return SecureXml.toBytes(document);
    }

    /** The signature algorithm for a key type: the one place that chooses it for metadata. */
    static String signatureAlgorithm(KeyAlgorithm algorithm) {
        return algorithm.jcaName().equals("EC")
                ? XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256
                : XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
    }

    private static Element firstSignatureChild(Element root) {
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && Constants.SignatureSpecNS.equals(element.getNamespaceURI())
                    && "Signature".equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Node firstElementChild(Element root) {
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                return child;
            }
        }
        return null;
    }
}
