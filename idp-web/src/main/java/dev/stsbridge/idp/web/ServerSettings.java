package dev.stsbridge.idp.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.config.ServerConfig;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.web.tls.TlsSettings;

/**
 * How the IdP's web server runs.
 *
 * @param host the address to bind ({@code 127.0.0.1} by default; a non-loopback address needs TLS or
 *             {@code insecureHttp})
 * @param port the port; 0 picks a free one ({@link IdpServer#port()} tells which)
 * @param tls HTTPS key material, or empty for plain HTTP
 * @param insecureHttp allow plain HTTP on a non-loopback address (the {@code --insecure-http} flag)
 * @param sessionIdleTimeout a session ends this long after its last request
 * @param sessionAbsoluteTimeout a login lasts at most this long (and assertions say so: SessionNotOnOrAfter)
 */
public record ServerSettings(String host, int port, Optional<TlsSettings> tls, boolean insecureHttp,
                             Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout) {

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        Objects.requireNonNull(sessionAbsoluteTimeout, "sessionAbsoluteTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be between 0 and 65535, was " + port);
        }
    }

    /** Plain HTTP on 127.0.0.1 with the default session timeouts (the demo; port 0 in tests). */
    public static ServerSettings loopback(int port) {
        return new ServerSettings(ServerConfig.DEFAULT_HOST, port, Optional.empty(), false,
                ServerConfig.DEFAULT_IDLE_TIMEOUT, ServerConfig.DEFAULT_ABSOLUTE_TIMEOUT);
    }

    /**
     * The configuration's {@code server} section; {@code tls.self-signed} generates its store into the data
     * directory on first start (for the base URL's host and the bound host).
     *
     * @param environment where {@code key-store-password: {env: NAME}} is looked up
     */
    public static ServerSettings from(StsbridgeConfig config, Map<String, String> environment, Clock clock) {
        ServerConfig server = config.server();
        Optional<TlsSettings> tls = server.tls().map(t -> TlsSettings.from(t, config.dataDir(),
                List.of(config.baseUrl().getHost(), server.host()), environment, clock));
        return new ServerSettings(server.host(), server.port(), tls, false, server.sessionIdleTimeout(),
                server.sessionAbsoluteTimeout());
    }

    public ServerSettings withInsecureHttp(boolean allowed) {
        return new ServerSettings(host, port, tls, allowed, sessionIdleTimeout, sessionAbsoluteTimeout);
    }

    public ServerSettings withTls(TlsSettings newTls) {
        return new ServerSettings(host, port, Optional.of(newTls), insecureHttp, sessionIdleTimeout,
                sessionAbsoluteTimeout);
    }

    public ServerSettings withSessionTimeouts(Duration idle, Duration absolute) {
        return new ServerSettings(host, port, tls, insecureHttp, idle, absolute);
    }
}
