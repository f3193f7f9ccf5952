package dev.stsbridge.idp.config;

import java.time.Duration;

/**
 * How assertions are made: {@code validity} (NotOnOrAfter - IssueInstant; default 5 minutes, AWS's redemption
 * window), {@code sign} ({@link SignedParts}), {@code encryption}.
 */
public record AssertionConfig(Duration validity, SignedParts sign, EncryptionConfig encryption) {

    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(5);

    public AssertionConfig {
        validity = ConfigChecks.durationBetween(ConfigChecks.orDefault(validity, DEFAULT_VALIDITY),
                Duration.ofSeconds(30), Duration.ofMinutes(15), "validity");
        sign = ConfigChecks.orDefault(sign, SignedParts.ASSERTION);
        encryption = ConfigChecks.orDefault(encryption, EncryptionConfig.off());
    }

    public static AssertionConfig defaults() {
        return new AssertionConfig(null, null, null);
    }
}
