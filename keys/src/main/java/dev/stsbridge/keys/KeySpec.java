package dev.stsbridge.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * What to generate: the key type, the entity ID the certificate's subject is derived from, and how long the
 * certificate is valid.
 */
public record KeySpec(KeyAlgorithm algorithm, String entityId, Duration validity) {
    public KeySpec {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(validity, "validity");
        if (entityId.isBlank()) {
            throw new IllegalArgumentException("the entity ID must not be blank");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("the certificate validity must be positive, was " + validity);
        }
    }

    /** RSA-3072, valid for 10 years: the defaults. */
    public static KeySpec defaults(String entityId) {
        return new KeySpec(KeyAlgorithm.DEFAULT, entityId, SigningKeyGenerator.DEFAULT_VALIDITY);
    }
}
