package dev.stsbridge.idp.web.oidc;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.idp.config.OidcClientConfig;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.idp.web.mfa.Authenticator;

/** A client with {@code require-mfa}: alice goes through the existing second-factor gate, and amr says so. */
class OidcMfaTest {

    private static final String CLIENT = "needs-mfa";
    private static final String REDIRECT = "http://127.0.0.1:4712/callback";
    private static final String VERIFIER = "verifier-of-the-mfa-test-verifier-of-the-mfa-test";

    @TempDir
    static Path dataDir;
    private static TestIdp idp;

    @BeforeAll
    static void start() {
        idp = TestIdp.startWithOidc(dataDir, URI.create("https://localhost:8443"), List.of(new OidcClientConfig(
                CLIENT, List.of(URI.create("http://127.0.0.1/callback")), Optional.empty(), true)));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static String authorize() throws Exception {
        return "/oidc/authorize?client_id=" + CLIENT + "&redirect_uri=" + URLEncoder.encode(REDIRECT,
                StandardCharsets.UTF_8) + "&response_type=code&scope=openid&state=s&code_challenge="
                + OidcEndpointsTest.challenge(VERIFIER) + "&code_challenge_method=S256";
    }

    @Test
    void aliceEnrollsTotpAtTheGateAndHerIdTokenSaysPwdOtpMfa() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        assertThat(browser.get(authorize()).headers().firstValue("Location")).hasValue("/mfa");
        assertThat(browser.get("/mfa").headers().firstValue("Location")).hasValue("/mfa/enroll");
        HttpResponse<String> enroll = browser.get("/mfa/enroll");
        Authenticator app = Authenticator.scan(enroll.body());
        HttpResponse<String> done = browser.post("/mfa/enroll/totp", form("csrf", Browser.csrf(enroll.body()),
                "code", app.code(idp.clock.instant())));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

        String location = browser.get(authorize()).headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=");
        String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(idp.server.baseUrl().resolve("/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                        + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier="
                        + VERIFIER + "&client_id=" + CLIENT)).build();
        HttpResponse<String> token = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String idToken = new ObjectMapper().readTree(token.body()).get("id_token").asText();
        assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getStringListClaim("amr"))
                .containsExactly("pwd", "otp", "mfa");
    }
}
