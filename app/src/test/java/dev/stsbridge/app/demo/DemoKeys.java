package dev.stsbridge.app.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;

/** RSA-2048 keys for a test's data directory (the demo would generate RSA-3072 on its first run). */
final class DemoKeys {

    static final String ENTITY_ID = "http://127.0.0.1:8080/saml2/metadata";

    private DemoKeys() {
    }

    static KeyRingService service(Path dataDir) {
        return new KeyRingService(new KeyRingStore(dataDir, Map.of()), new SigningKeyGenerator(Clock.systemUTC()));
    }

    static KeySpec rsa2048() {
        return new KeySpec(KeyAlgorithm.RSA_2048, ENTITY_ID, Duration.ofDays(365));
    }

    /** Generates the signing key into {@code dataDir}; returns {@code dataDir}. */
    static Path generate(Path dataDir) {
        service(dataDir).generate(rsa2048(), false);
        return dataDir;
    }
}
