package dev.stsbridge.idp.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;

/**
 * A real IdP for tests: the bundled demo configuration (embedded demo directory: alice, bob, carol), an RSA-2048
 * key generated into a temporary data directory, a clock that only moves when told, the web server on
 * 127.0.0.1:0, and the audit lines collected.
 */
public final class TestIdp implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    public final MutableClock clock;
    public final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    public final IdpApplication idp;
    public final IdpServer server;
    public final Path dataDir;

    private TestIdp(Path dataDir, List<ServiceProviderConfig> sps, ServerSettings settings,
                    java.util.Optional<dev.stsbridge.idp.web.portal.AccessCheck> access) {
        this(dataDir, sps, settings, access, c -> c);
    }

    private TestIdp(Path dataDir, List<ServiceProviderConfig> sps, ServerSettings settings,
                    java.util.Optional<dev.stsbridge.idp.web.portal.AccessCheck> access,
                    java.util.function.UnaryOperator<StsbridgeConfig> change) {
        this(dataDir, sps, settings, access, change, new MutableClock(START), java.util.Optional.empty());
    }

    private TestIdp(Path dataDir, List<ServiceProviderConfig> sps, ServerSettings settings,
                    java.util.Optional<dev.stsbridge.idp.web.portal.AccessCheck> access,
                    java.util.function.UnaryOperator<StsbridgeConfig> change, MutableClock clock,
                    java.util.Optional<javax.sql.DataSource> shared) {
        this.dataDir = dataDir;
        this.clock = clock;
        StsbridgeConfig demo = StsbridgeConfig.demo().withDataDir(dataDir);
        StsbridgeConfig config = new StsbridgeConfig(demo.entityId(), demo.baseUrl(), dataDir, demo.directory(),
                demo.aws(), demo.nameId(), demo.assertion(), demo.server(), sps);
        config = change.apply(config);
        if (!Files.exists(KeyRingStore.inDataDirectory(dataDir).storeFile())) {
            new KeyRingService(new KeyRingStore(dataDir, Map.of()), new SigningKeyGenerator(clock))
                    .generate(new KeySpec(KeyAlgorithm.RSA_2048, config.entityId(), Duration.ofDays(365)), false);
        }
        dev.stsbridge.idp.web.state.WebState state = shared
                .map(db -> dev.stsbridge.idp.web.state.SharedState.postgres(db,
                        dev.stsbridge.idp.mfa.EnrollmentCipher.loadOrCreate(dataDir, new java.security.SecureRandom()),
                        clock))
                .orElseGet(() -> dev.stsbridge.idp.web.state.WebState.inMemory(clock));
        this.idp = IdpApplication.start(config, Map.of(), state.clock(), shared);
        this.server = IdpServer.start(idp, settings, audit::add, access, state);
    }

    /**
     * One of several nodes on the shared database {@code shared} (migrated) and the data directory (keys, NameID
     * secret and mfa-key; the first node makes them), its own running clock {@code skew} off the system's (which
     * {@link #clock} moves; the node runs on the database's clock: its own plus the offset measured at start), the demo
     * configuration changed by {@code yamlChange} as in {@link #startWith}.
     */
    public static TestIdp node(Path dataDir, List<ServiceProviderConfig> sps,
                               java.util.function.UnaryOperator<String> yamlChange, javax.sql.DataSource shared,
                               Duration skew) {
        StsbridgeConfig changed = StsbridgeConfig.parse(yamlChange.apply(demoYaml()), "demo.yaml", dataDir);
        return new TestIdp(dataDir, sps, ServerSettings.loopback(0), java.util.Optional.empty(),
                c -> new StsbridgeConfig(c.entityId(), c.baseUrl(), c.dataDir(), c.directory(), changed.aws(),
                        c.nameId(), c.assertion(), c.server(), c.serviceProviders(), changed.mfa()),
                MutableClock.ticking(skew), java.util.Optional.of(shared));
    }

    /**
     * One of several nodes on the shared database {@code shared}, as {@link #node}, with the test configuration (no
     * SPs) changed by {@code change} (e.g. OpenID Connect on).
     */
    public static TestIdp node(Path dataDir, java.util.function.UnaryOperator<StsbridgeConfig> change,
                               javax.sql.DataSource shared, Duration skew) {
        return new TestIdp(dataDir, List.of(), ServerSettings.loopback(0), java.util.Optional.empty(), change,
                MutableClock.ticking(skew), java.util.Optional.of(shared));
    }

    private static String demoYaml() {
        try (java.io.InputStream in = TestIdp.class.getClassLoader().getResourceAsStream(
                StsbridgeConfig.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestIdp start(Path dataDir) {
        return start(dataDir, List.of());
    }

    public static TestIdp start(Path dataDir, List<ServiceProviderConfig> sps) {
        return new TestIdp(dataDir, sps, ServerSettings.loopback(0), java.util.Optional.empty());
    }

    public static TestIdp start(Path dataDir, ServerSettings settings) {
        return new TestIdp(dataDir, List.of(), settings, java.util.Optional.empty());
    }

    /**
     * With the demo's {@code directory}, {@code aws}, {@code mfa} and {@code oidc} as {@code yamlChange} rewrites the
     * demo configuration's text (e.g. adding {@code require-mfa} to a role and an {@code mfa} section).
     */
    public static TestIdp startWith(Path dataDir, List<ServiceProviderConfig> sps,
                                    java.util.function.UnaryOperator<String> yamlChange) {
        String demo;
        try (java.io.InputStream in = TestIdp.class.getClassLoader().getResourceAsStream(
                StsbridgeConfig.DEMO_RESOURCE)) {
            demo = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        StsbridgeConfig changed = StsbridgeConfig.parse(yamlChange.apply(demo), "demo.yaml", dataDir);
        return new TestIdp(dataDir, sps, ServerSettings.loopback(0), java.util.Optional.empty(),
                c -> new StsbridgeConfig(c.entityId(), c.baseUrl(), c.dataDir(), changed.directory(), changed.aws(),
                        c.nameId(), c.assertion(), c.server(), c.serviceProviders(), changed.mfa(), c.state(), changed.oidc()));
    }

    /** With OpenID Connect on: the demo's {@code oidc} section with this issuer and these clients. */
    public static TestIdp startWithOidc(Path dataDir, java.net.URI issuer,
                                        List<dev.stsbridge.idp.config.OidcClientConfig> clients) {
        return new TestIdp(dataDir, List.of(), ServerSettings.loopback(0), java.util.Optional.empty(),
                c -> c.withOidc(StsbridgeConfig.demo().oidc().withIssuer(issuer).withClients(clients)));
    }

    /** With the explain page's access form answered by {@code access}. */
    public static TestIdp start(Path dataDir, dev.stsbridge.idp.web.portal.AccessCheck access) {
        return new TestIdp(dataDir, List.of(), ServerSettings.loopback(0), java.util.Optional.of(access));
    }

    public Browser browser() {
        return new Browser(server.baseUrl());
    }

    /** The audit lines that contain every one of the fragments. */
    public List<String> auditLines(String... fragments) {
        synchronized (audit) {
            return audit.stream().filter(l -> java.util.Arrays.stream(fragments).allMatch(l::contains)).toList();
        }
    }

    /** Writes a file (e.g. SP metadata) into {@code dir}. */
    public static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        idp.close();
    }
}
