package dev.stsbridge.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One signing key of the IdP: the private key and its self-signed certificate.
 *
 * @param id a stable identifier, kept with the key in the key store (e.g. {@code signing-20261125T122600Z})
 * @param algorithm the key type
 * @param privateKey the private key; never logged, never leaves the data directory
 * @param certificate the certificate published in the IdP metadata
 */
public record SigningKey(String id, KeyAlgorithm algorithm, PrivateKey privateKey, X509Certificate certificate) {
    public SigningKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + ", " + algorithm + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }
}
