package dev.stsbridge.idp.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The web server ({@code server:}): the address to listen on ({@code host}, default {@value #DEFAULT_HOST};
 * {@code port}, default {@value #DEFAULT_PORT}), {@code tls} (HTTPS; required for anything but loopback), and the
 * IdP session's {@code session-idle-timeout} (default 30 minutes) and {@code session-absolute-timeout} (default 8
 * hours: how long one login lasts, and the assertions' SessionNotOnOrAfter).
 */
public record ServerConfig(String host, Integer port, Optional<TlsConfig> tls, Duration sessionIdleTimeout,
                           Duration sessionAbsoluteTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofHours(8);

    public ServerConfig {
        host = ConfigChecks.requiredText(ConfigChecks.orDefault(host, DEFAULT_HOST), "host");
        port = ConfigChecks.orDefault(port, DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw new InvalidConfigValueException("port", "must be between 0 and 65535, was " + port);
        }
        tls = ConfigChecks.optional(tls);
        sessionIdleTimeout = ConfigChecks.durationBetween(
                ConfigChecks.orDefault(sessionIdleTimeout, DEFAULT_IDLE_TIMEOUT), Duration.ofMinutes(1),
                Duration.ofHours(24), "session-idle-timeout");
        sessionAbsoluteTimeout = ConfigChecks.durationBetween(
                ConfigChecks.orDefault(sessionAbsoluteTimeout, DEFAULT_ABSOLUTE_TIMEOUT), Duration.ofMinutes(5),
                Duration.ofDays(7), "session-absolute-timeout");
        if (sessionIdleTimeout.compareTo(sessionAbsoluteTimeout) > 0) {
            throw new InvalidConfigValueException("session-idle-timeout", "must not be longer than "
                    + "session-absolute-timeout (" + Durations.format(sessionAbsoluteTimeout) + "), was "
                    + Durations.format(sessionIdleTimeout));
        }
    }

    /** 127.0.0.1:8080, plain HTTP, the default timeouts. */
    public static ServerConfig defaults() {
        return new ServerConfig(null, null, Optional.empty(), null, null);
    }

    /** Whether {@code host} names a loopback address literally ({@code localhost}, {@code 127.x.x.x}, {@code ::1}). */
    public boolean loopback() {
        return ConfigChecks.isLoopback(host);
    }
}
