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

    public final MutableClock clock = new MutableClock(START);
    public final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    public final IdpApplication idp;
    public final IdpServer server;
    public final Path dataDir;

    private TestIdp(Path dataDir, List<ServiceProviderConfig> sps, ServerSettings settings,
                    java.util.Optional<dev.stsbridge.idp.web.portal.AccessCheck> access) {
        this.dataDir = dataDir;
        StsbridgeConfig demo = StsbridgeConfig.demo().withDataDir(dataDir);
        StsbridgeConfig config = new StsbridgeConfig(demo.entityId(), demo.baseUrl(), dataDir, demo.directory(),
                demo.aws(), demo.nameId(), demo.assertion(), demo.server(), sps);
        new KeyRingService(new KeyRingStore(dataDir, Map.of()), new SigningKeyGenerator(clock))
                .generate(new KeySpec(KeyAlgorithm.RSA_2048, config.entityId(), Duration.ofDays(365)), false);
        this.idp = IdpApplication.start(config, Map.of(), clock);
        this.server = IdpServer.start(idp, settings, audit::add, access);
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
