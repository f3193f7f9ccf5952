package dev.stsbridge.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.AuthenticationFailedException;
import dev.stsbridge.idp.directory.DirectoryUnavailableException;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.sso.SsoOutcome;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;

/**
 * The IdP in process, exactly as {@code stsbridge serve} and {@code stsbridge assertion} assemble it
 * ({@link IdpApplication}), from the bundled demo configuration or a variant of its YAML, with an RSA-2048 key
 * generated into the data directory first (the product's default is RSA-3072; 2048 keeps the tests lean).
 *
 * <pre>{@code
 * try (TestIdp idp = TestIdp.demo(dataDir, clock)) {
 *     SsoOutcome.Posted alice = idp.respond("alice", RoleChoice.one("prod", "Admin"));
 *     byte[] metadata = idp.signedMetadata();
 * }
 * TestIdp.fromYaml(TestIdp.demoYaml().replace("sign: assertion", "sign: both"), dataDir, clock);
 * }</pre>
 */
public final class TestIdp implements AutoCloseable {

    private final IdpApplication app;

    private TestIdp(IdpApplication app) {
        this.app = app;
    }

    /** The bundled demo configuration's YAML text ({@code demo.yaml}), to derive variants from. */
    public static String demoYaml() {
        try (InputStream in = StsbridgeConfig.class.getClassLoader().getResourceAsStream(StsbridgeConfig.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo IdP (embedded directory with alice, bob and carol) with its keys in {@code dataDir}. */
    public static TestIdp demo(Path dataDir, Clock clock) {
        return start(StsbridgeConfig.demo().withDataDir(dataDir), clock);
    }

    /** An IdP from configuration text (relative paths resolve against {@code dataDir}). */
    public static TestIdp fromYaml(String yaml, Path dataDir, Clock clock) {
        return fromYaml(yaml, Map.of(), dataDir, clock);
    }

    /** The same, with environment variables for the configuration's {@code {env: NAME}} secrets. */
    public static TestIdp fromYaml(String yaml, Map<String, String> environment, Path dataDir, Clock clock) {
        return start(StsbridgeConfig.parse(yaml, "stsbridge.yaml", dataDir).withDataDir(dataDir), environment, clock);
    }

    /** An IdP from a configuration; an RSA-2048 key is generated first when the data directory has none. */
    public static TestIdp start(StsbridgeConfig config, Clock clock) {
        return start(config, Map.of(), clock);
    }

    /** The same, with environment variables for the configuration's secrets. */
    public static TestIdp start(StsbridgeConfig config, Map<String, String> environment, Clock clock) {
        KeyRingStore store = new KeyRingStore(config.dataDir(), environment);
        if (!store.exists()) {
            new KeyRingService(store, new SigningKeyGenerator(clock))
                    .generate(new KeySpec(KeyAlgorithm.RSA_2048, config.entityId(), Duration.ofDays(365)), false);
        }
        return new TestIdp(IdpApplication.start(config, environment, clock));
    }

    public IdpApplication app() {
        return app;
    }

    public String entityId() {
        return app.config().entityId();
    }

    /** The signed metadata document, the bytes {@code stsbridge metadata export --sign} writes. */
    public byte[] signedMetadata() {
        return app.signedMetadata();
    }

    public String signedMetadataText() {
        return new String(app.signedMetadata(), StandardCharsets.UTF_8);
    }

    /** The current signing certificate. */
    public X509Certificate certificate() {
        return app.keys().current().certificate();
    }

    /** The directory entry of {@code username} (looked up without a password). */
    public DirectoryUser user(String username) {
        try {
            return app.directory().lookup(username)
                    .orElseThrow(() -> new AssertionError("no user " + username + " in the directory"));
        } catch (DirectoryUnavailableException e) {
            throw new AssertionError("the directory is unavailable: " + e.getMessage(), e);
        }
    }

    /** The signed response for a person looked up without a password; fails when the pre-flight check refuses. */
    public SsoOutcome.Posted respond(String username, RoleChoice choice) {
        return posted(app.sso().respond(signedIn(user(username)), choice, Optional.empty()));
    }

    /** The signed response after a password login against the directory (the LDAP path). */
    public SsoOutcome.Posted respondAfterLogin(String username, String password, RoleChoice choice) {
        try {
            DirectoryUser user = app.directory().authenticate(username, password.toCharArray());
            return posted(app.sso().respond(signedIn(user), choice, Optional.empty()));
        } catch (AuthenticationFailedException | DirectoryUnavailableException e) {
            throw new AssertionError(username + " could not log in: " + e.getMessage(), e);
        }
    }

    private SignedInUser signedIn(DirectoryUser user) {
        return app.signedIn(user, false, IdpApplication.DEFAULT_SESSION_LENGTH);
    }

    private static SsoOutcome.Posted posted(SsoOutcome outcome) {
        if (outcome instanceof SsoOutcome.Refused refused) {
            throw new AssertionError("the pre-flight check refused: " + refused.violations());
        }
        return (SsoOutcome.Posted) outcome;
    }

    @Override
    public void close() {
        app.close();
    }
}
