package dev.stsbridge.verifier;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the verifier.
 *
 * @param host the address to bind ({@code 127.0.0.1} by default)
 * @param port the port (0 picks a free one)
 * @param dataDir the data directory; the state lives in {@code <dataDir>/verifier/state.json}
 * @param accountsFile an accounts file (JSON or YAML); the demo accounts when absent
 * @param oneTimeUse whether SAML assertion IDs are single-use (for the SAML pipeline)
 * @param clockSkew the skew allowed on SAML NotBefore / NotOnOrAfter (for the SAML pipeline)
 * @param clock the clock of every time check
 */
public record VerifierSettings(String host, int port, Path dataDir, Optional<Path> accountsFile, boolean oneTimeUse,
                               Duration clockSkew, Clock clock) {

    public static final int DEFAULT_PORT = 8090;
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    public VerifierSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(accountsFile, "accountsFile");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 127.0.0.1:8090, data in {@code dataDir}, the demo accounts, assertions reusable, 60 s skew, system clock. */
    public static VerifierSettings defaults(Path dataDir) {
        return new VerifierSettings(VerifierServer.DEFAULT_HOST, DEFAULT_PORT, dataDir, Optional.empty(), false,
                DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    public VerifierSettings withHost(String value) {
        return new VerifierSettings(value, port, dataDir, accountsFile, oneTimeUse, clockSkew, clock);
    }

    public VerifierSettings withPort(int value) {
        return new VerifierSettings(host, value, dataDir, accountsFile, oneTimeUse, clockSkew, clock);
    }

    public VerifierSettings withAccountsFile(Path value) {
        return new VerifierSettings(host, port, dataDir, Optional.of(value), oneTimeUse, clockSkew, clock);
    }

    public VerifierSettings withOneTimeUse(boolean value) {
        return new VerifierSettings(host, port, dataDir, accountsFile, value, clockSkew, clock);
    }

    public VerifierSettings withClockSkew(Duration value) {
        return new VerifierSettings(host, port, dataDir, accountsFile, oneTimeUse, value, clock);
    }

    public VerifierSettings withClock(Clock value) {
        return new VerifierSettings(host, port, dataDir, accountsFile, oneTimeUse, clockSkew, value);
    }
}
