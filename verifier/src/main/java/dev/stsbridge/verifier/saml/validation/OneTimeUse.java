package dev.stsbridge.verifier.saml.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.saml.StsErrors;

/**
 * Remembers the IDs of redeemed assertions until they expire, so that each is accepted once (optional mode; AWS
 * itself lets clients reuse an assertion within its validity). In memory, per verifier process.
 */
final class OneTimeUse {
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(30);

    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private volatile Instant nextPrune = Instant.MIN;

    /** Records the assertion; refuses it when it was redeemed before and has not yet expired. */
    void redeem(String issuer, String assertionId, Instant expires, Instant now) {
        prune(now);
        Instant previous = used.putIfAbsent(issuer + '\n' + assertionId, expires);
        if (previous != null && previous.isAfter(now)) {
            throw new AwsException(StsErrors.invalid("Invalid SAML response: assertion "
                    + StsErrors.echo(assertionId) + " was already redeemed (one-time use is on)"));
        }
        if (previous != null) {
            used.put(issuer + '\n' + assertionId, expires);
        }
    }

    private void prune(Instant now) {
        if (now.isAfter(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            used.values().removeIf(expires -> !expires.isAfter(now));
        }
    }
}
