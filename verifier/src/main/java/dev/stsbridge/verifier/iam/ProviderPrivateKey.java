package dev.stsbridge.verifier.iam;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A private key uploaded to a SAML provider ({@code AddPrivateKey}) to decrypt encrypted assertions.
 *
 * @param keyId IAM's key ID ({@code [A-Z0-9]}, 22-64 characters)
 * @param key the decryption key
 * @param pem the PEM text as uploaded (kept for persistence; never returned by any API)
 * @param timestamp when it was added
 */
public record ProviderPrivateKey(String keyId, PrivateKey key, String pem, Instant timestamp) {
    public ProviderPrivateKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String toString() {
        return "ProviderPrivateKey[" + keyId + "]";
    }
}
