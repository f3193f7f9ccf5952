package dev.stsbridge.idp.web.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.ServerSettings;
import dev.stsbridge.idp.web.TestIdp;

/** HTTPS with a generated self-signed certificate; plain HTTP refused off loopback. */
class TlsServerTest {

    @Test
    void selfSignedTlsIsGeneratedOnceIntoTheDataDirWithOwnerOnlyFiles(@TempDir Path dataDir) throws Exception {
        TlsSettings first = SelfSignedTls.loadOrCreate(dataDir, List.of("idp.example.test"), Clock.systemUTC());
        TlsSettings second = SelfSignedTls.loadOrCreate(dataDir, List.of("idp.example.test"), Clock.systemUTC());
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.keyStore())))
                .isEqualTo("rw-------");
        X509Certificate certificate = certificate(first);
        assertThat(certificate.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .contains("idp.example.test", "localhost", "127.0.0.1");
    }

    @Test
    void overTlsTheSessionCookieIsSecureWithTheHostPrefixAndHstsIsSent(@TempDir Path dataDir) throws Exception {
        TlsSettings tls = SelfSignedTls.loadOrCreate(dataDir.resolve("tls-data"), List.of("127.0.0.1"),
                Clock.systemUTC());
        try (TestIdp idp = TestIdp.start(dataDir, ServerSettings.loopback(0).withTls(tls))) {
            assertThat(idp.server.baseUrl().getScheme()).isEqualTo("https");
            Browser browser = new Browser(idp.server.baseUrl(), Optional.of(trusting(certificate(tls))));
            HttpResponse<String> login = browser.login("alice", "wonderland");
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().allValues("Set-Cookie").get(0)).startsWith("__Host-stsbridge_session=")
                    .contains("Secure").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
            assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        }
    }

    @Test
    void plainHttpOnANonLoopbackAddressIsRefused(@TempDir Path dataDir) {
        ServerSettings anyAddress = new ServerSettings("0.0.0.0", 0, Optional.empty(), false,
                ServerSettings.loopback(0).sessionIdleTimeout(), ServerSettings.loopback(0).sessionAbsoluteTimeout());
        assertThatThrownBy(() -> TestIdp.start(dataDir, anyAddress)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to serve plain HTTP on 0.0.0.0, which is not a loopback address: configure "
                        + "server.tls, or pass --insecure-http if a TLS-terminating proxy is in front");
    }

    private static X509Certificate certificate(TlsSettings tls) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            store.load(in, tls.password().toCharArray());
        }
        return (X509Certificate) store.getCertificate("server");
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("idp", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
