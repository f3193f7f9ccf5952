package dev.stsbridge.idp.mfa;

import java.time.Instant;
import java.util.Objects;

/**
 * An enrolled TOTP authenticator.
 *
 * @param secret the shared HMAC-SHA1 key (20 random bytes; kept encrypted at rest)
 * @param enrolled when it was confirmed
 * @param lastUsedStep the time step (Unix seconds / 30) of the last accepted code: a code of this step or an
 *                     earlier one is refused, so each code works once
 */
public record TotpFactor(byte[] secret, Instant enrolled, long lastUsedStep) {
    public TotpFactor {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(enrolled, "enrolled");
        if (secret.length < 16) {
            throw new IllegalArgumentException("a TOTP secret has at least 128 bits");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    TotpFactor usedAt(long step) {
        return new TotpFactor(secret, enrolled, step);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpFactor t && java.util.Arrays.equals(secret, t.secret)
                && enrolled.equals(t.enrolled) && lastUsedStep == t.lastUsedStep;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(secret), enrolled, lastUsedStep);
    }

    @Override
    public String toString() {
        return "TotpFactor[enrolled " + enrolled + ", last step " + lastUsedStep + "]";
    }
}
