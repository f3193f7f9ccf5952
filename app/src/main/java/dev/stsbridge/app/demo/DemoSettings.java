package dev.stsbridge.app.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.web.ops.AuditLog;

/**
 * How to run the demo.
 *
 * @param idpPort the IdP's port on 127.0.0.1 (8080 by default; 0 picks a free one)
 * @param awsPort the verifier's port on 127.0.0.1 (8090 by default; 0 picks a free one)
 * @param dataDir the data directory: the IdP's keys in {@code keys/}, the verifier's state in {@code verifier/}
 * @param verifierDataDir where the verifier keeps its state ({@code <verifierDataDir>/verifier/}): {@code dataDir},
 *                        or another directory (the self-test's throw-away one, so that it leaves the real one as it was)
 * @param config the IdP configuration to start from; empty for the bundled demo one (read while the verifier starts);
 *               a test may give one that points at a real LDAP server. The demo sets its data directory, base URL
 *               and sign-in POST target.
 * @param environment the process environment (key store password, directory secrets)
 * @param clock the clock of the IdP and the verifier
 * @param audit where the IdP's audit log goes (the {@value AuditLog#LOGGER} logger by default)
 * @param oidcPort the port of the IdP's HTTPS listener on 127.0.0.1 for OpenID Connect, whose issuer is
 *                 {@code https://localhost:<port>} (8443 by default; 0 picks a free one)
 */
public record DemoSettings(int idpPort, int awsPort, Path dataDir, Path verifierDataDir,
                           Optional<StsbridgeConfig> config,
                           Map<String, String> environment, Clock clock, AuditLog.Sink audit, int oidcPort) {

    public static final int DEFAULT_IDP_PORT = 8080;
    public static final int DEFAULT_AWS_PORT = 8090;
    public static final int DEFAULT_OIDC_PORT = 8443;

    public DemoSettings {
        checkPort(idpPort, "idp port");
        checkPort(awsPort, "aws port");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(verifierDataDir, "verifierDataDir");
        Objects.requireNonNull(config, "config");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(audit, "audit");
        checkPort(oidcPort, "OpenID Connect port");
        if (idpPort != 0 && idpPort == awsPort) {
            throw new IllegalArgumentException("the IdP and the AWS model need different ports, both were " + idpPort);
        }
    }

    /** The configuration given, or the bundled demo one. */
    public StsbridgeConfig configOrDemo() {
        return config.orElseGet(StsbridgeConfig::demo);
    }

    /** Ports 8080 and 8090, the bundled demo configuration, no environment, the UTC system clock. */
    public static DemoSettings defaults(Path dataDir) {
        return new DemoSettings(DEFAULT_IDP_PORT, DEFAULT_AWS_PORT, dataDir, dataDir, Optional.empty(), Map.of(),
                Clock.systemUTC(), AuditLog.toLogger(), DEFAULT_OIDC_PORT);
    }

    /**
     * The IdP's and the AWS model's ports; with {@code idp} 0 (a free port, as tests ask) the OpenID Connect listener
     * takes a free port too, unless {@link #withOidcPort} says otherwise afterwards.
     */
    public DemoSettings withPorts(int idp, int aws) {
        return new DemoSettings(idp, aws, dataDir, verifierDataDir, config, environment, clock, audit,
                idp == 0 ? 0 : oidcPort);
    }

    public DemoSettings withConfig(StsbridgeConfig value) {
        return new DemoSettings(idpPort, awsPort, dataDir, verifierDataDir, Optional.of(value), environment, clock,
                audit, oidcPort);
    }

    public DemoSettings withEnvironment(Map<String, String> value) {
        return new DemoSettings(idpPort, awsPort, dataDir, verifierDataDir, config, value, clock, audit, oidcPort);
    }

    public DemoSettings withClock(Clock value) {
        return new DemoSettings(idpPort, awsPort, dataDir, verifierDataDir, config, environment, value, audit,
                oidcPort);
    }

    public DemoSettings withVerifierDataDir(Path value) {
        return new DemoSettings(idpPort, awsPort, dataDir, value, config, environment, clock, audit, oidcPort);
    }

    public DemoSettings withAudit(AuditLog.Sink value) {
        return new DemoSettings(idpPort, awsPort, dataDir, verifierDataDir, config, environment, clock, value,
                oidcPort);
    }

    public DemoSettings withOidcPort(int value) {
        return new DemoSettings(idpPort, awsPort, dataDir, verifierDataDir, config, environment, clock, audit, value);
    }

    private static void checkPort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the " + name + " must be between 0 and 65535, was " + port);
        }
    }
}
