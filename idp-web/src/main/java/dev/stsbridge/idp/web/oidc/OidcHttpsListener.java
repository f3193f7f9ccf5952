package dev.stsbridge.idp.web.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.IdpServer;
import dev.stsbridge.idp.web.ServerSettings;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.tls.SelfSignedTls;
import dev.stsbridge.idp.web.tls.TlsSettings;

/**
 * An HTTPS listener on loopback for the OpenID Connect issuer of a plain-HTTP IdP (the demo): AWS accepts only https
 * issuers and fetches discovery and JWKS over TLS, trusting the server certificate by its SHA-1 thumbprint (IAM's
 * {@code --thumbprint-list}). The certificate is self-signed for {@code localhost} and {@code 127.0.0.1}, generated
 * once into {@code <data-dir>/oidc/tls/} and reused; the issuer is {@code https://localhost:<port>}. The listener
 * serves the whole IdP (its own sessions), so the authorization-code flow runs entirely on it.
 *
 * <pre>{@code
 * OidcHttpsListener https = OidcHttpsListener.settle(dataDir, 8443, clock);   // before the IdP starts
 * config = https.asIssuerOf(config);                                        // issuer https://localhost:8443
 * ... IdpApplication idp = IdpApplication.start(config, env, clock);
 * IdpServer server = https.start(idp, audit);
 * }</pre>
 */
public final class OidcHttpsListener {

    public static final String HOST = "localhost";
    private static final String LOOPBACK = "127.0.0.1";

    private final int port;
    private final TlsSettings tls;
    private final X509Certificate certificate;

    private OidcHttpsListener(int port, TlsSettings tls, X509Certificate certificate) {
        this.port = port;
        this.tls = tls;
        this.certificate = certificate;
    }

    /**
     * Settles the port ({@code 0} picks a free one; another is checked by binding it a moment) and loads or makes the
     * certificate.
     *
     * @throws PortTakenException when the requested port is taken
     */
    public static OidcHttpsListener settle(Path dataDir, int requestedPort, Clock clock) {
        int port;
        try (ServerSocket socket = new ServerSocket(requestedPort, 1, InetAddress.getByName(LOOPBACK))) {
            port = socket.getLocalPort();
        } catch (BindException e) {
            throw new PortTakenException(requestedPort, e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot check port " + requestedPort + ": " + e.getMessage(), e);
        }
        TlsSettings tls = SelfSignedTls.loadOrCreate(dataDir.resolve("oidc"), List.of(HOST, LOOPBACK), clock);
        return new OidcHttpsListener(port, tls, certificate(tls));
    }

    /** {@code config} with this listener as its OpenID Connect issuer, unless it has an https issuer already. */
    public StsbridgeConfig asIssuerOf(StsbridgeConfig config) {
        return config.oidcIssuer().isPresent() ? config : config.withOidc(config.oidc().withIssuer(issuer()));
    }

    /** {@code https://localhost:<port>}. */
    public URI issuer() {
        return URI.create("https://" + HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    /** The server certificate (self-signed). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-1 of the certificate, 40 lower-case hex digits: the value for IAM's {@code --thumbprint-list}. */
    public String sha1Thumbprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the certificate's SHA-1 thumbprint", e);
        }
    }

    /** Starts serving {@code idp} over HTTPS on 127.0.0.1:{@link #port()}. */
    public IdpServer start(IdpApplication idp, AuditLog.Sink audit) {
        return IdpServer.start(Objects.requireNonNull(idp, "idp"), ServerSettings.loopback(port).withTls(tls), audit);
    }

    private static X509Certificate certificate(TlsSettings tls) {
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, tls.password().toCharArray());
            String alias = store.aliases().nextElement();
            return (X509Certificate) store.getCertificate(alias);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the OpenID Connect TLS certificate " + tls.keyStore() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The requested port is taken. */
    public static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int port;

        PortTakenException(int port, Throwable cause) {
            super("port " + port + " on " + LOOPBACK + " is already in use", cause);
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
