package dev.stsbridge.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's HTTPS listener for OpenID Connect: its issuer, its certificate's thumbprint, the banner. */
class OidcDemoTest {

    @TempDir
    static Path dir;

    private static Demo demo;

    @BeforeAll
    static void start() {
        demo = Demo.start(DemoSettings.defaults(DemoKeys.generate(dir)).withPorts(0, 0));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void issuerIsHttpsLocalhostOnAFreePortAndDiscoveryAnswersThereOverTls() throws Exception {
        assertThat(demo.oidcIssuer().toString()).matches("https://localhost:\\d+");
        assertThat(demo.oidcIssuer().getPort()).isNotEqualTo(DemoSettings.DEFAULT_OIDC_PORT);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("oidc", demo.oidcCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        HttpResponse<String> discovery = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                demo.oidcIssuer().resolve("/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + demo.oidcIssuer() + "\"");
    }

    @Test
    void thumbprintIsTheSha1OfTheServedCertificateAndTheBannerPrintsIt() throws Exception {
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(demo.oidcCertificate().getEncoded()));
        assertThat(demo.oidcThumbprint()).isEqualTo(sha1).hasSize(40);

        StringWriter banner = new StringWriter();
        DemoBanner.print(new PrintWriter(banner), demo, dir);
        assertThat(banner.toString()).contains("  OIDC:       " + demo.oidcIssuer() + "  (OpenID Connect issuer")
                .contains("TLS certificate SHA-1 thumbprint " + sha1 + "  (IAM --thumbprint-list)")
                .contains("  arn:aws:iam::111122223333:oidc-provider/" + demo.oidcIssuer().getAuthority() + "\n"
                        + "      Admin: alice\n")
                .contains("      Developer: alice\n      ReadOnly: bob\n")
                .contains("  ./stsbridge token --demo --data-dir " + dir + " --issuer " + demo.oidcIssuer()
                        + " --out id_token.jwt")
                .contains("  Cognito identity pool " + demo.webIdentity().pool().id() + " (stsbridge-demo), "
                        + "authenticated role arn:aws:iam::111122223333:role/CognitoSignedIn:");
    }
}
