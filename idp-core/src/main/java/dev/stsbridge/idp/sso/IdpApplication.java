package dev.stsbridge.idp.sso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.assertion.AssertionEncrypter;
import dev.stsbridge.idp.assertion.AssertionFactory;
import dev.stsbridge.idp.assertion.AssertionRequest;
import dev.stsbridge.idp.assertion.AwsSignInUrl;
import dev.stsbridge.idp.assertion.ResponseSigner;
import dev.stsbridge.idp.assertion.SigningMode;
import dev.stsbridge.idp.claims.AwsClaimsResolver;
import dev.stsbridge.idp.claims.NameIdGenerator;
import dev.stsbridge.idp.config.EncryptionConfig;
import dev.stsbridge.idp.config.SignedParts;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.crypto.CryptoProviders;
import dev.stsbridge.idp.directory.Directories;
import dev.stsbridge.idp.directory.Directory;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.mfa.Mfa;
import dev.stsbridge.idp.oidc.OidcProvider;
import dev.stsbridge.idp.rules.AwsRules;
import dev.stsbridge.keys.Certificates;
import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;
import dev.stsbridge.metadata.IdpIdentity;
import dev.stsbridge.metadata.IdpMetadataBuilder;
import dev.stsbridge.metadata.MetadataSigner;
import dev.stsbridge.xml.OpenSaml;

/**
 * The IdP assembled from its configuration: the signing keys (generated into the data directory on first start),
 * the persistent-NameID secret, the directory, the SSO service and the signed metadata document. The web server
 * and the {@code stsbridge assertion} command both start here, so they behave the same.
 */
public final class IdpApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdpApplication.class);

    /** How long an IdP login lasts unless the caller says otherwise (AuthnStatement SessionNotOnOrAfter). */
    public static final Duration DEFAULT_SESSION_LENGTH = Duration.ofHours(8);

    private final StsbridgeConfig config;
    private final IdpIdentity identity;
    private final KeyRing keys;
    private final boolean keysGenerated;
    private final Directory directory;
    private final SsoService sso;
    private final BasicSsoService basicSso;
    private final StatusResponder statusResponder;
    private final CompletableFuture<byte[]> signedMetadata;
    private final Clock clock;
    private final SecureRandom random;
    private final Mfa mfa;
    private final Optional<OidcProvider> oidc;

    private IdpApplication(StsbridgeConfig config, IdpIdentity identity, KeyRingService.Opened keys,
                           Directory directory, SsoService sso, BasicSsoService basicSso,
                           StatusResponder statusResponder, CompletableFuture<byte[]> signedMetadata, Clock clock,
                           SecureRandom random, Mfa mfa, Optional<OidcProvider> oidc) {
        this.config = config;
        this.identity = identity;
        this.keys = keys.ring();
        this.keysGenerated = keys.generated();
        this.directory = directory;
        this.sso = sso;
        this.basicSso = basicSso;
        this.statusResponder = statusResponder;
        this.signedMetadata = signedMetadata;
        this.clock = clock;
        this.random = random;
        this.mfa = mfa;
        this.oidc = oidc;
    }

    /**
     * Opens the keys (generating them on first start), the directory and everything else.
     *
     * @param environment the process environment (key store password, directory secrets)
     * @throws dev.stsbridge.keys.KeyRingException when the key store cannot be opened
     * @throws IllegalStateException when the directory or another resource cannot be set up
     */
    public static IdpApplication start(StsbridgeConfig config, Map<String, String> environment, Clock clock) {
        return start(config, environment, clock, Optional.empty());
    }

    /**
     * The same, with MFA enrollments in the shared database {@code shared} when given ({@code state.postgresql};
     * the caller owns and closes it), else in files under the data directory.
     */
    public static IdpApplication start(StsbridgeConfig config, Map<String, String> environment, Clock clock,
                                       Optional<DataSource> shared) {
        OpenSaml.initializeInBackground();
        CompletableFuture<Directory> directory = inBackground("directory", () -> Directories.open(config, environment));
        // The native signature provider loads and self-tests (about 0.3 s) while the key store is decrypted.
        inBackground("crypto", CryptoProviders::describe);
        try {
            SecureRandom random = new SecureRandom();
            KeyRingService.Opened keys = new KeyRingService(new KeyRingStore(config.dataDir(), environment),
                    new SigningKeyGenerator(clock)).loadOrGenerate(KeySpec.defaults(config.entityId()));
            byte[] nameIdSecret = NameIdSecret.loadOrCreate(config.dataDir(), random);
            ResponseSigner signer = new ResponseSigner(keys.ring().current(), signingMode(config.assertion().sign()));
            AssertionFactory factory = new AssertionFactory(clock, random);
            SsoService sso = ssoService(config, factory, signer, nameIdSecret, random);
            BasicSsoService basicSso = new BasicSsoService(config.entityId(), config.assertion().validity(),
                    nameIdSecret, random, factory, signer);
            StatusResponder statusResponder = new StatusResponder(config.entityId(), factory, signer);
            IdpIdentity identity = IdpIdentity.at(config.baseUrl()).withEntityId(config.entityId());
            // Building the metadata needs OpenSAML, whose start takes about a second: it is made in the
            // background, so that a server can answer sign-ins before anyone asks for the metadata.
            CompletableFuture<byte[]> metadata = inBackground("metadata", () -> new MetadataSigner().signToBytes(
                    new IdpMetadataBuilder().build(identity, keys.ring()), keys.ring().current()));
            metadata.whenComplete((bytes, failure) -> {
                if (failure != null) { // said once when it happens; each metadata request reports it again
                    LOG.error("cannot build the signed IdP metadata: {}", failure.getMessage(), failure);
                }
            });
            Optional<OidcProvider> oidc = OidcProvider.start(config, environment, clock, nameIdSecret, random,
                    shared);
            return new IdpApplication(config, identity, keys, join(directory), sso, basicSso, statusResponder,
                    metadata, clock, random, Mfa.open(config, random, shared), oidc);
        } catch (RuntimeException e) {
            directory.thenAccept(Directory::close);
            throw e;
        }
    }

    /** Runs a start-up step on its own thread (the machine has more than one core; the steps are independent). */
    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(step.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "start-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The step's result, or the step's own exception (not wrapped). */
    private static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static SsoService ssoService(StsbridgeConfig config, AssertionFactory factory, ResponseSigner signer,
                                         byte[] nameIdSecret, SecureRandom random) {
        SsoService.Settings settings = new SsoService.Settings(config.entityId(),
                AwsSignInUrl.of(config.aws().signinUrl().toString()), config.aws().audience(),
                config.aws().postUrl(), config.assertion().validity());
        return new SsoService(settings, new AwsClaimsResolver(config.aws()), new AwsRules(config.aws().partition()),
                NameIdGenerator.of(config.nameId(), nameIdSecret, random), factory,
                signer, encrypter(config.assertion().encryption()));
    }

    static SigningMode signingMode(SignedParts parts) {
        return switch (parts) {
            case ASSERTION -> SigningMode.ASSERTION;
            case RESPONSE -> SigningMode.RESPONSE;
            case BOTH -> SigningMode.BOTH;
        };
    }

    private static Optional<AssertionEncrypter> encrypter(EncryptionConfig encryption) {
        if (!encryption.enabled()) {
            return Optional.empty();
        }
        Path file = encryption.spCertificate().orElseThrow();
        try {
            List<X509Certificate> certificates = Certificates.fromPem(Files.readAllBytes(file));
            if (certificates.size() != 1) {
                throw new IllegalStateException("assertion.encryption.sp-certificate " + file
                        + " must hold exactly one certificate, has " + certificates.size());
            }
            return Optional.of(new AssertionEncrypter(certificates.get(0)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read assertion.encryption.sp-certificate " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A person who just authenticated: a new IdP session starting now.
     *
     * @param overTls whether the password came over TLS (the AuthnContextClassRef says so)
     */
    public SignedInUser signedIn(DirectoryUser user, boolean overTls, Duration sessionLength) {
        Instant now = clock.instant();
        byte[] index = new byte[16];
        random.nextBytes(index);
        return new SignedInUser(user, now,
                overTls ? AssertionRequest.PASSWORD_PROTECTED_TRANSPORT : AssertionRequest.PASSWORD,
                "_" + HexFormat.of().formatHex(index), now.plus(sessionLength));
    }

    /** Second factors: who needs one, the enrollments, TOTP, passkeys and recovery codes. */
    public Mfa mfa() {
        return mfa;
    }

    /**
     * The OpenID Connect provider, when the configuration has an https issuer ({@code oidc.issuer} or an https
     * {@code base-url}).
     */
    public Optional<OidcProvider> oidc() {
        return oidc;
    }

    public StsbridgeConfig config() {
        return config;
    }

    public IdpIdentity identity() {
        return identity;
    }

    public KeyRing keys() {
        return keys;
    }

    /** Whether the keys were generated by this start (the first start with this data directory). */
    public boolean keysGenerated() {
        return keysGenerated;
    }

    public Directory directory() {
        return directory;
    }

    public SsoService sso() {
        return sso;
    }

    /** Sign-in to SAML SPs of the {@code basic} profile (SP-initiated, any SP that is not AWS's console sign-in). */
    public BasicSsoService basicSso() {
        return basicSso;
    }

    /** Signed answers without an assertion (e.g. NoPassive) to AuthnRequests the IdP will not satisfy. */
    public StatusResponder statusResponder() {
        return statusResponder;
    }

    /**
     * The signed metadata, exactly the bytes {@code stsbridge metadata export --sign} writes for these keys
     * (waits for it on the first call after start).
     */
    public byte[] signedMetadata() {
        return join(signedMetadata).clone();
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        directory.close();
    }

    @Override
    public String toString() {
        return "IdpApplication[" + identity.entityId() + ", " + Objects.toString(config.baseUrl()) + "]";
    }
}
