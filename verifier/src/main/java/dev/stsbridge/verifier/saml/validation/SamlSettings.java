package dev.stsbridge.verifier.saml.validation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the verifier judges time and replay.
 *
 * @param clockSkew tolerance for NotBefore / NotOnOrAfter (default 60 s; 0-10 minutes)
 * @param oneTimeUse whether an assertion ID may be used once only within its validity (default off, as AWS)
 * @param maxIssueInstantAge how old an assertion's IssueInstant may be (default 5 minutes, as AWS)
 */
public record SamlSettings(Duration clockSkew, boolean oneTimeUse, Duration maxIssueInstantAge) {
    public SamlSettings {
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxIssueInstantAge, "maxIssueInstantAge");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("clock-skew must be between 0 and 10 minutes, not " + clockSkew);
        }
        if (maxIssueInstantAge.isNegative() || maxIssueInstantAge.isZero()) {
            throw new IllegalArgumentException("max-issue-instant-age must be positive, not " + maxIssueInstantAge);
        }
    }

    /** AWS's behaviour: 60 s skew, replay allowed, 5-minute IssueInstant. */
    public static SamlSettings defaults() {
        return new SamlSettings(Duration.ofSeconds(60), false, Duration.ofMinutes(5));
    }

    public SamlSettings withOneTimeUse(boolean value) {
        return new SamlSettings(clockSkew, value, maxIssueInstantAge);
    }

    public SamlSettings withClockSkew(Duration value) {
        return new SamlSettings(value, oneTimeUse, maxIssueInstantAge);
    }
}
