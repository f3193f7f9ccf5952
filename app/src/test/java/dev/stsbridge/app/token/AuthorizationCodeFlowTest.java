package dev.stsbridge.app.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.app.demo.Demo;
import dev.stsbridge.app.demo.DemoSettings;

/**
 * The token command's flow against the demo's HTTPS issuer, where the browser's part is played by a plain HTTP client
 * that sends the loopback listener the authorization response a browser would deliver: an IdP's refusal, or an answer
 * to another sign-in. (The whole flow with a real browser sign-in: {@code tests} module, WebIdentityEndToEndTest.)
 */
class AuthorizationCodeFlowTest {

    @TempDir
    static Path dir;

    private static Demo demo;

    @BeforeAll
    static void start() {
        demo = Demo.start(DemoSettings.defaults(dir).withPorts(0, 0));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private static AuthorizationCodeFlow flow() {
        return new AuthorizationCodeFlow(demo.oidcIssuer(), "stsbridge-demo",
                IssuerTrust.thumbprint(demo.oidcThumbprint()), Duration.ofSeconds(20));
    }

    /** A browser that, instead of signing in, is redirected to the callback with {@code answer(authorizeUrl)}. */
    private static Consumer<URI> redirectedWith(java.util.function.Function<Map<String, String>, String> answer) {
        return url -> {
            Map<String, String> request = LoopbackCallback.query(url.getRawQuery());
            URI callback = URI.create(request.get("redirect_uri") + "?" + answer.apply(request));
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theAuthorizationRequestAsksForACodeWithPkceS256StateNonceAndALoopbackRedirect() {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        assertThatThrownBy(() -> flow().signIn(redirectedWith(request -> {
            seen.set(request);
            return "error=access_denied&state=" + enc(request.get("state"));
        }))).isInstanceOf(TokenFailure.class);
        Map<String, String> request = seen.get();
        assertThat(request).containsEntry("response_type", "code").containsEntry("client_id", "stsbridge-demo")
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid email");
        assertThat(request.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");
        assertThat(request.get("state")).hasSize(43).isNotEqualTo(request.get("nonce"));
        assertThat(request.get("code_challenge")).hasSize(43);
    }

    @Test
    void anAccessDeniedFromTheIdpIsReportedWithItsDescription() {
        assertThatThrownBy(() -> flow().signIn(redirectedWith(request -> "error=access_denied&error_description="
                + enc("alice's tags break AWS's rules") + "&state=" + enc(request.get("state")))))
                .isInstanceOf(TokenFailure.class)
                .hasMessage("the IdP refused: access_denied: alice's tags break AWS's rules");
    }

    @Test
    void aRedirectWithAnotherStateIsRefusedAndItsCodeNeverRedeemed() {
        assertThatThrownBy(() -> flow().signIn(redirectedWith(request -> "code=stolen-code&state=another-sign-in")))
                .isInstanceOf(TokenFailure.class)
                .hasMessage("the redirect's state is not the one sent: not the answer to this sign-in");
    }

    @Test
    void aRedirectWithoutStateIsRefused() {
        assertThatThrownBy(() -> flow().signIn(redirectedWith(request -> "code=some-code")))
                .isInstanceOf(TokenFailure.class)
                .hasMessage("the redirect's state is not the one sent: not the answer to this sign-in");
    }

    @Test
    void aRedirectNamingAnotherIssuerIsRefused() {
        assertThatThrownBy(() -> flow().signIn(redirectedWith(request -> "code=c&state=" + enc(request.get("state"))
                + "&iss=" + enc("https://evil.example"))))
                .isInstanceOf(TokenFailure.class)
                .hasMessage("the redirect comes from the issuer https://evil.example, not " + demo.oidcIssuer());
    }

    @Test
    void aCodeTheIdpNeverIssuedIsRefusedByTheTokenEndpoint() {
        assertThatThrownBy(() -> flow().signIn(redirectedWith(request -> "code=never-issued&state="
                + enc(request.get("state")))))
                .isInstanceOf(TokenFailure.class)
                .hasMessageStartingWith("the token endpoint refused the code: invalid_grant: ");
    }

    @Test
    void anIssuerWhoseCertificateHasAnotherThumbprintIsNotContacted() {
        AuthorizationCodeFlow pinnedElsewhere = new AuthorizationCodeFlow(demo.oidcIssuer(), "stsbridge-demo",
                IssuerTrust.thumbprint("00".repeat(20)), Duration.ofSeconds(5));
        assertThatThrownBy(() -> pinnedElsewhere.signIn(url -> {
            throw new AssertionError("the browser must not be opened");
        })).isInstanceOf(TokenFailure.class).hasMessageStartingWith("cannot reach " + demo.oidcIssuer()
                + "/.well-known/openid-configuration: ");
    }

    @Test
    void aPlainHttpIssuerIsRefused() {
        assertThatThrownBy(() -> new AuthorizationCodeFlow(URI.create("http://localhost:8443"), "stsbridge-demo",
                IssuerTrust.system(), Duration.ofSeconds(5)))
                .isInstanceOf(TokenFailure.class).hasMessage("the issuer must be an https URL, not http://localhost:8443");
    }

    @Test
    void aThumbprintThatIsNotFortyHexDigitsIsRefused() {
        assertThatThrownBy(() -> IssuerTrust.thumbprint("abc"))
                .isInstanceOf(TokenFailure.class)
                .hasMessage("a thumbprint is 40 hex digits (the SHA-1 of the certificate), not abc");
    }
}
