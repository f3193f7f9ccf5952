package dev.stsbridge.verifier.imds;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run the instance metadata model.
 *
 * @param host the address to bind ({@code 127.0.0.1})
 * @param port the port (0 picks a free one)
 * @param role the instance profile's role: a role name of the first account, or a role ARN
 * @param instanceId the instance ID, also the role session name ({@code i-...})
 * @param credentialLifetime how long each set of role credentials lasts (EC2: about 6 hours)
 * @param refreshBefore how long before expiry new credentials are served (EC2: "at least five minutes")
 */
public record ImdsSettings(String host, int port, String role, String instanceId, Duration credentialLifetime,
                           Duration refreshBefore) {

    public static final int DEFAULT_PORT = 8091;

    public ImdsSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        Objects.requireNonNull(role, "role");
        if (role.isBlank()) {
            throw new IllegalArgumentException("the instance profile role must not be empty");
        }
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(credentialLifetime, "credentialLifetime");
        Objects.requireNonNull(refreshBefore, "refreshBefore");
        if (credentialLifetime.compareTo(Duration.ofMinutes(15)) < 0 || refreshBefore.isNegative()
                || refreshBefore.compareTo(credentialLifetime) >= 0) {
            throw new IllegalArgumentException("credentials must last at least 15 minutes and be refreshed before "
                    + "they expire");
        }
    }

    /** 127.0.0.1, the role, instance {@code i-0123456789abcdef0}, 6-hour credentials refreshed 15 minutes early. */
    public static ImdsSettings of(int port, String role) {
        return new ImdsSettings("127.0.0.1", port, role, "i-0123456789abcdef0", Duration.ofHours(6),
                Duration.ofMinutes(15));
    }
}
