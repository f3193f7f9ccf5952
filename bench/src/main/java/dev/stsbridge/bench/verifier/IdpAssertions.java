package dev.stsbridge.bench.verifier;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.DirectoryUnavailableException;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SsoOutcome;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;

/**
 * Where the load's assertions come from: our own IdP in this JVM, the bundled demo configuration, an RSA-2048 key
 * (the reference key size of the in-process benchmark) in a temporary data directory. alice's response carries both
 * her role pairs, RoleSessionName, SessionDuration, SourceIdentity, two session tags and a transitive key.
 */
final class IdpAssertions implements AutoCloseable {

    private final IdpApplication idp;

    private IdpAssertions(IdpApplication idp) {
        this.idp = idp;
    }

    static IdpAssertions start(Path dataDir) {
        StsbridgeConfig config = StsbridgeConfig.demo().withDataDir(dataDir);
        Clock clock = Clock.systemUTC();
        new KeyRingService(new KeyRingStore(dataDir, Map.of()), new SigningKeyGenerator(clock))
                .generate(new KeySpec(KeyAlgorithm.RSA_2048, config.entityId(), Duration.ofDays(30)), false);
        return new IdpAssertions(IdpApplication.start(config, Map.of(), clock));
    }

    /** The signed IdP metadata to register with the verifier. */
    byte[] signedMetadata() {
        return idp.signedMetadata();
    }

    /** A fresh response for alice (base64 SAMLResponse): valid for 5 minutes from now. */
    String aliceResponse() {
        try {
            DirectoryUser alice = idp.directory().lookup("alice").orElseThrow();
            SsoOutcome outcome = idp.sso().respond(idp.signedIn(alice, false, IdpApplication.DEFAULT_SESSION_LENGTH),
                    RoleChoice.all(), Optional.empty());
            return ((SsoOutcome.Posted) outcome).form().samlResponse();
        } catch (DirectoryUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        idp.close();
    }
}
