package dev.stsbridge.verifier.sts;

import java.time.Instant;
import java.util.Objects;

/** STS {@code Credentials}: {@code ASIA...} access key, 40-character secret, session token, expiry. */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
                                   Instant expiration) {
    public TemporaryCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
    }

    @Override
    public String toString() {
        return "TemporaryCredentials[" + accessKeyId + ", expires " + expiration + "]";
    }
}
