package dev.stsbridge.idp.assertion;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

import dev.stsbridge.idp.crypto.CryptoProviders;
import dev.stsbridge.keys.SigningKey;

/**
 * Hand-written XML signature generation for one case: an enveloped signature over one element, referenced by its
 * ID, with the transforms enveloped-signature + exclusive c14n (optionally {@code InclusiveNamespaces
 * PrefixList="xsd"}), a SHA-256 digest, SignedInfo canonicalised with exclusive c14n, and a KeyInfo holding only the
 * signing certificate. The caller supplies the element already in canonical form and without its signature (what
 * the two transforms produce); SignedInfo is written in canonical form. This is what Apache Santuario does for
 * OpenSAML, without building a DOM: {@link OpenSamlResponseSigner} is the reference it is tested against.
 */
final class EnvelopedSignatureWriter {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String EC = "http://www.w3.org/2001/10/xml-exc-c14n#";
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Algorithms.SignatureMethod method;
    private final Provider provider;
    private final PrivateKey key;
    private final String certificate;

    EnvelopedSignatureWriter(SigningKey signingKey) {
        this.method = Algorithms.signatureFor(signingKey.algorithm());
        this.provider = CryptoProviders.signatureProvider(method.jcaName());
        this.key = CryptoProviders.prepare(signingKey.privateKey(), method.jcaName());
        try {
            this.certificate = BASE64.encodeToString(signingKey.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate of " + signingKey.id(), e);
        }
    }

    /**
     * The {@code ds:Signature} element for the element with ID {@code referenceId}, whose canonical form without the
     * signature is {@code canonicalElement}. The returned text is both how the signature is written into the
     * document and its canonical form there (its parent declares nothing it uses).
     */
    String sign(String referenceId, byte[] canonicalElement, boolean inclusiveXsd) {
        StringBuilder signedInfo = new StringBuilder(1024);
        signedInfo.append("<ds:CanonicalizationMethod Algorithm=\"").append(Algorithms.C14N_EXCLUSIVE)
                .append("\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"").append(method.uri())
                .append("\"></ds:SignatureMethod><ds:Reference");
        CanonicalXml.attribute(signedInfo, "URI", "#" + referenceId, "reference ID");
        signedInfo.append("><ds:Transforms><ds:Transform Algorithm=\"").append(Algorithms.ENVELOPED_SIGNATURE)
                .append("\"></ds:Transform><ds:Transform Algorithm=\"").append(Algorithms.C14N_EXCLUSIVE).append("\">");
        if (inclusiveXsd) {
            signedInfo.append("<ec:InclusiveNamespaces xmlns:ec=\"" + EC + "\" PrefixList=\"xsd\"></ec:InclusiveNamespaces>");
        }
        signedInfo.append("</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"").append(Algorithms.DIGEST_SHA256)
                .append("\"></ds:DigestMethod><ds:DigestValue>").append(BASE64.encodeToString(digest(canonicalElement)))
                .append("</ds:DigestValue></ds:Reference></ds:SignedInfo>");
        String body = signedInfo.toString();
        byte[] value = signature(("<ds:SignedInfo xmlns:ds=\"" + DS + "\">" + body).getBytes(StandardCharsets.UTF_8));
        return "<ds:Signature xmlns:ds=\"" + DS + "\"><ds:SignedInfo>" + body + "<ds:SignatureValue>"
                + BASE64.encodeToString(value) + "</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>";
    }

    private static byte[] digest(byte[] canonical) {
        return CryptoProviders.newDigest(Algorithms.DIGEST_JCA).digest(canonical);
    }

    private byte[] signature(byte[] canonicalSignedInfo) {
        try {
            Signature signature = Signature.getInstance(method.jcaName(), provider);
            signature.initSign(key);
            signature.update(canonicalSignedInfo);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method.jcaName() + " signing failed with " + provider.getName() + ": "
                    + e.getMessage(), e);
        }
    }
}
