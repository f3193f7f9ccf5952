package dev.stsbridge.verifier.policy;

import java.time.Duration;
import java.time.Instant;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.saml.StsErrors;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;

/**
 * When a role session ends (../shared/AWS-SAML.md §1.1, §1.3). API credentials: DurationSeconds (default 3600),
 * which must not exceed the role's MaxSessionDuration, shortened by the {@code SessionDuration} attribute and by
 * {@code SessionNotOnOrAfter}. Console sessions: {@code SessionDuration} (default 3600) and
 * {@code SessionNotOnOrAfter}; MaxSessionDuration does not cap them.
 */
public final class SessionLength {
    static final String EXCEEDS_MAX =
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

    private SessionLength() {
    }

    /** The expiry of AssumeRoleWithSAML credentials. */
    public static Instant forApi(AuthorizedRole role, int durationSeconds, Instant now) {
        if (durationSeconds > role.role().maxSessionDurationSeconds()) {
            throw new AwsException(AwsError.validation(EXCEEDS_MAX));
        }
        int seconds = Math.min(durationSeconds, role.claims().sessionDuration().orElse(durationSeconds));
        return capped(role.claims(), now.plus(Duration.ofSeconds(seconds)), now);
    }

    /** The expiry of a console session. */
    public static Instant forConsole(AuthorizedRole role, Instant now) {
        return capped(role.claims(), now.plus(Duration.ofSeconds(role.claims().sessionDuration().orElse(3600))), now);
    }

    private static Instant capped(ValidatedClaims claims, Instant expiry, Instant now) {
        Instant capped = claims.sessionNotOnOrAfter().filter(limit -> limit.isBefore(expiry)).orElse(expiry);
        if (!capped.isAfter(now)) {
            throw new AwsException(StsErrors.expired(StsErrors.RESPONSE_EXPIRED));
        }
        return capped;
    }
}
