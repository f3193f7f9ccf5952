package dev.stsbridge.idp.assertion;

import dev.stsbridge.keys.KeyAlgorithm;

/**
 * The one place that chooses the XML signature algorithms: RSA-SHA256 for RSA keys, ECDSA-SHA256 for EC keys,
 * exclusive canonicalisation without comments, SHA-256 digests. Never SHA-1 (../shared/AWS-SAML.md §0).
 */
final class Algorithms {

    static final String C14N_EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";
    static final String ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    static final String DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    static final String DIGEST_JCA = "SHA-256";

    private Algorithms() {
    }

    /** An XML signature method with the JCA algorithm that computes it (ECDSA as XML DSig wants it: r||s). */
    enum SignatureMethod {
        RSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "SHA256withRSA"),
        ECDSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "SHA256withECDSAinP1363Format");

        private final String uri;
        private final String jcaName;

        SignatureMethod(String uri, String jcaName) {
            this.uri = uri;
            this.jcaName = jcaName;
        }

        String uri() {
            return uri;
        }

        String jcaName() {
            return jcaName;
        }
    }

    static SignatureMethod signatureFor(KeyAlgorithm key) {
        return switch (key.jcaName()) {
            case "RSA" -> SignatureMethod.RSA_SHA256;
            case "EC" -> SignatureMethod.ECDSA_SHA256;
            default -> throw new IllegalArgumentException("no XML signature method for " + key + " keys");
        };
    }
}
