package dev.stsbridge.app.demo;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.app.abac.AbacAccessCheck;
import dev.stsbridge.app.abac.AbacCheck;
import dev.stsbridge.app.abac.AccountKeys;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.IdpServer;
import dev.stsbridge.idp.web.ServerSettings;
import dev.stsbridge.idp.web.oidc.OidcHttpsListener;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.portal.AccessCheck;
import dev.stsbridge.verifier.VerifierApplication;
import dev.stsbridge.verifier.VerifierServer;
import dev.stsbridge.verifier.VerifierSettings;
import dev.stsbridge.xml.OpenSaml;

/**
 * A running demo: the verifier (AWS's side) and the IdP in this process, the IdP registered with the verifier.
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(DemoSettings.defaults(Path.of("data")).withPorts(0, 0))) {
 *     demo.loginUrl();      // http://127.0.0.1:<idp port>/login
 *     demo.awsEndpoint();   // http://127.0.0.1:<aws port>, for aws --endpoint-url
 *     demo.accounts();      // the SAML provider and roles set up in each account
 * }
 * }</pre>
 *
 * Start-up, in order: settle both ports (a taken one fails at once) -> on another thread, start the verifier and
 * look at what its IAM already has, while this thread starts the IdP (keys generated on the first run, loaded after)
 * -> register the IdP's signed metadata, the roles and their ABAC policies through the verifier's IAM API while the
 * IdP's web server starts (its explain page checks access against the verifier, as {@code stsbridge abac} does). Whatever started is closed again when a later step fails.
 */
public final class Demo implements AutoCloseable {

    /** Initialised before the start-up threads, so that none of them logs while logging is still being set up. */
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final StsbridgeConfig config;
    private final VerifierApplication verifier;
    private final IdpApplication idp;
    private final IdpServer idpServer;
    private final OidcHttpsListener oidcHttps;
    private final IdpServer oidcServer;
    private final AbacCheck access;
    private final List<AccountSetup> accounts;
    private final WebIdentityRegistration.Registered webIdentity;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Demo(StsbridgeConfig config, VerifierApplication verifier, IdpApplication idp, Started started,
                 List<AccountSetup> accounts) {
        this.config = config;
        this.verifier = verifier;
        this.idp = idp;
        this.idpServer = started.idpServer;
        this.oidcHttps = started.oidcHttps;
        this.oidcServer = started.oidcServer;
        this.access = started.access;
        this.accounts = List.copyOf(accounts);
        this.webIdentity = started.webIdentity;
    }

    /**
     * Starts the demo.
     *
     * @throws PortInUseException when the IdP's or the verifier's port is taken
     * @throws dev.stsbridge.keys.KeyRingException when the key store cannot be opened
     * @throws IllegalStateException when a server, the directory or the registration fails
     */
    public static Demo start(DemoSettings settings) {
        Ports.Pair ports = Ports.settle(settings.idpPort(), settings.awsPort());
        OidcHttpsListener oidcHttps = settleOidc(settings);
        VerifierSettings verifierSettings = VerifierSettings.defaults(settings.verifierDataDir()).withPort(ports.aws())
                .withClock(settings.clock());
        ExecutorService threads = Executors.newFixedThreadPool(3, r -> new Thread(r, "demo-start"));
        try {
            CompletableFuture<VerifierApplication> verifier = async("verifier started",
                    () -> startVerifier(verifierSettings), threads);
            CompletableFuture<Boolean> openSaml = async("OpenSAML initialised", Demo::initializeOpenSaml, threads);
            StsbridgeConfig config;
            try {
                config = oidcHttps.asIssuerOf(settings.configOrDemo().withDataDir(settings.dataDir())
                        .withBaseUrl(ports.idpUrl()).withSigninPostUrl(ports.awsUrl().resolve("/saml")));
            } catch (RuntimeException e) {
                verifier.thenAccept(VerifierApplication::close);
                throw e;
            }
            return start(settings, config, verifier, openSaml, ports.idp(), oidcHttps, threads);
        } finally {
            threads.shutdown();
        }
    }

    private static Demo start(DemoSettings settings, StsbridgeConfig config,
                              CompletableFuture<VerifierApplication> verifierStarted,
                              CompletableFuture<Boolean> openSaml, int idpPort, OidcHttpsListener oidcHttps,
                              ExecutorService threads) {
        CompletableFuture<IamRegistration> surveyed = verifierStarted.thenApplyAsync(v -> timed("IAM surveyed",
                () -> IamRegistration.survey(v.endpoint(), v.core().accounts(), config.aws())), threads);
        Started started = new Started(verifierStarted, surveyed);
        started.oidcHttps = oidcHttps;
        try {
            IdpApplication idp = timed("IdP started", () -> IdpApplication.start(config, settings.environment(),
                    settings.clock()));
            started.idp = idp;
            join(openSaml);
            IamRegistration registration = join(surveyed);
            CompletableFuture<List<AccountSetup>> registered = async("IdP registered",
                    () -> registration.register(idp.signedMetadata()), threads);
            VerifierApplication verifier = join(verifierStarted);
            started.access = AbacCheck.at(verifier.endpoint(), AccountKeys.of(verifier.core().accounts()));
            AccessCheck access = new AbacAccessCheck(idp, started.access);
            started.idpServer = timed("IdP web server started", () -> startIdpServer(idp, idpPort, settings.audit(),
                    access));
            started.oidcServer = timed("IdP HTTPS listener for OpenID Connect started",
                    () -> oidcHttps.start(idp, settings.audit()));
            List<AccountSetup> accounts = join(registered);
            registration.close();
            started.webIdentity = timed("web identity registered", () -> WebIdentityRegistration.register(
                    verifier.endpoint(), verifier.core().accounts(), config.aws(), accounts, idp.directory(),
                    idp.oidc().orElseThrow(), oidcHttps.sha1Thumbprint()));
            return new Demo(config, verifier, idp, started, accounts);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** The HTTPS listener's port and certificate, settled before anything starts (the issuer names the port). */
    private static OidcHttpsListener settleOidc(DemoSettings settings) {
        try {
            return OidcHttpsListener.settle(settings.dataDir(), settings.oidcPort(), settings.clock());
        } catch (OidcHttpsListener.PortTakenException e) {
            throw new PortInUseException(PortInUseException.Service.OIDC, e.port(), e);
        }
    }

    /** OpenSAML's start-up (the IdP's slowest step), begun early on its own thread; the IdP waits for it. */
    private static boolean initializeOpenSaml() {
        OpenSaml.initialize();
        return true;
    }

    private static VerifierApplication startVerifier(VerifierSettings settings) {
        try {
            return VerifierApplication.start(settings);
        } catch (VerifierServer.PortInUseException e) {
            throw new PortInUseException(PortInUseException.Service.AWS, e.port(), e);
        }
    }

    private static IdpServer startIdpServer(IdpApplication idp, int port, AuditLog.Sink audit, AccessCheck access) {
        try {
            return IdpServer.start(idp, ServerSettings.loopback(port), audit, Optional.of(access));
        } catch (IdpServer.PortInUseException e) {
            throw new PortInUseException(PortInUseException.Service.IDP, e.port(), e);
        }
    }

    private static <T> T timed(String step, Supplier<T> task) {
        long start = System.nanoTime();
        T result = task.get();
        LOG.info("{} in {} ms", step, (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    /** Runs {@code task} on one of {@code threads}, logging how long it took as {@code step}. */
    private static <T> CompletableFuture<T> async(String step, Supplier<T> task, ExecutorService threads) {
        return CompletableFuture.supplyAsync(() -> timed(step, task), threads);
    }

    /** The result, or the task's own exception (unwrapped). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The IdP's configuration as running: base URL, entity ID, data directory, POST target. */
    public StsbridgeConfig config() {
        return config;
    }

    public IdpApplication idp() {
        return idp;
    }

    public VerifierApplication verifier() {
        return verifier;
    }

    /** What was set up in each AWS account, in configuration order. */
    public List<AccountSetup> accounts() {
        return accounts;
    }

    /** Per account the IdP's OpenID Connect provider and who may assume which role with its ID tokens; the pool. */
    WebIdentityRegistration.Registered webIdentity() {
        return webIdentity;
    }

    /** {@code http://127.0.0.1:<idp port>}, where the IdP listens (and its base URL). */
    public URI idpUrl() {
        return idpServer.baseUrl();
    }

    /** The IdP's login page. */
    public URI loginUrl() {
        return idpUrl().resolve("/login");
    }

    /** The IdP's signed metadata document, for download. */
    public URI metadataUrl() {
        return idpUrl().resolve("/saml2/metadata");
    }

    /** {@code http://127.0.0.1:<aws port>}: the AWS model's endpoint for {@code aws --endpoint-url}. */
    public URI awsEndpoint() {
        return verifier.endpoint();
    }

    /** The OpenID Connect issuer ({@code https://localhost:<port>}, the HTTPS listener, unless configured). */
    public URI oidcIssuer() {
        return idp.oidc().orElseThrow().issuer();
    }

    /** The SHA-1 thumbprint of the HTTPS listener's certificate: IAM's {@code --thumbprint-list} value. */
    public String oidcThumbprint() {
        return oidcHttps.sha1Thumbprint();
    }

    /** The HTTPS listener's self-signed certificate (clients of the listener trust it). */
    public java.security.cert.X509Certificate oidcCertificate() {
        return oidcHttps.certificate();
    }

    /** Blocks until the IdP's web server stops. */
    public void join() throws InterruptedException {
        idpServer.join();
    }

    /** Stops the IdP's web server, the IdP and the verifier; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                closeAll(Optional.of(oidcServer), Optional.of(idpServer), Optional.of(idp), Optional.of(verifier));
            } finally {
                access.close();
            }
        }
    }

    /** Closes in order, each even when an earlier one fails. */
    private static void closeAll(Optional<IdpServer> oidcServer, Optional<IdpServer> idpServer,
                                 Optional<IdpApplication> idp, Optional<VerifierApplication> verifier) {
        try {
            oidcServer.ifPresent(IdpServer::close);
            idpServer.ifPresent(IdpServer::close);
        } finally {
            try {
                idp.ifPresent(IdpApplication::close);
            } finally {
                verifier.ifPresent(VerifierApplication::close);
            }
        }
    }

    /** What has started so far, closed again when a later step fails (tasks still running are closed on completion). */
    private static final class Started {
        private final CompletableFuture<VerifierApplication> verifier;
        private final CompletableFuture<IamRegistration> registration;
        private IdpApplication idp;
        private IdpServer idpServer;
        private OidcHttpsListener oidcHttps;
        private IdpServer oidcServer;
        private AbacCheck access;
        private WebIdentityRegistration.Registered webIdentity;

        Started(CompletableFuture<VerifierApplication> verifier, CompletableFuture<IamRegistration> registration) {
            this.verifier = verifier;
            this.registration = registration;
        }

        void close() {
            registration.thenAccept(IamRegistration::close);
            try {
                closeAll(Optional.ofNullable(oidcServer), Optional.ofNullable(idpServer), Optional.ofNullable(idp),
                        Optional.empty());
            } finally {
                verifier.thenAccept(VerifierApplication::close);
                Optional.ofNullable(access).ifPresent(AbacCheck::close);
            }
        }
    }
}
