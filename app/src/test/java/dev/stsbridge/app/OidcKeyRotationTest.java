package dev.stsbridge.app;

import static dev.stsbridge.app.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.oidc.AuthorizationCheck;
import dev.stsbridge.idp.oidc.OidcProvider;
import dev.stsbridge.idp.oidc.TokenRequest;
import dev.stsbridge.idp.sso.IdpApplication;

/**
 * Rotation of the OpenID Connect ring as an operator does it: {@code keys rotate --ring oidc}, restart (the JWKS
 * publishes current and next, current still signs), {@code keys promote --ring oidc}, restart (next signs).
 */
class OidcKeyRotationTest {

    private static final String VERIFIER = "verifier-of-the-rotation-test-verifier-of-the-rotation";

    @TempDir
    Path dir;

    private IdpApplication start() {
        StsbridgeConfig demo = StsbridgeConfig.demo().withDataDir(dir.resolve("data"));
        StsbridgeConfig config = demo.withOidc(demo.oidc().withIssuer(URI.create("https://localhost:8443")));
        return IdpApplication.start(config, Map.of(), Clock.systemUTC());
    }

    private static String kidOfAToken(IdpApplication idp) throws Exception {
        OidcProvider oidc = idp.oidc().orElseThrow();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> p = Map.of("client_id", "stsbridge-demo", "redirect_uri", "http://127.0.0.1:5000/callback",
                "response_type", "code", "scope", "openid", "code_challenge", challenge,
                "code_challenge_method", "S256");
        AuthorizationCheck.Valid valid = (AuthorizationCheck.Valid) oidc.check(n -> Optional.ofNullable(p.get(n)));
        String code = oidc.issueCode(valid.request(), idp.signedIn(idp.directory().authenticate("alice",
                "wonderland".toCharArray()), true, Duration.ofHours(1)));
        String idToken = oidc.token(new TokenRequest(Optional.of("authorization_code"), Optional.of(code),
                Optional.of("http://127.0.0.1:5000/callback"), Optional.of(VERIFIER), Optional.of("stsbridge-demo"),
                Optional.empty(), Optional.empty())).idToken();
        return SignedJWT.parse(idToken).getHeader().getKeyID();
    }

    private static List<String> kids(IdpApplication idp) throws Exception {
        return JWKSet.parse(idp.oidc().orElseThrow().keys().publicJwks().toString()).getKeys().stream()
                .map(JWK::getKeyID).toList();
    }

    @Test
    void nextIsPublishedBeforeItSignsAndSignsOnlyAfterPromote() throws Exception {
        String first;
        try (IdpApplication idp = start()) {  // first start generates the ring
            assertThat(kids(idp)).hasSize(1);
            first = kids(idp).get(0);
            assertThat(kidOfAToken(idp)).isEqualTo(first);
        }
        String data = dir.resolve("data").toString();
        assertThat(run("keys", "rotate", "--ring", "oidc", "--data-dir", data).exitCode()).isZero();
        String next;
        try (IdpApplication idp = start()) {
            assertThat(kids(idp)).hasSize(2).first().isEqualTo(first);
            next = kids(idp).get(1);
            assertThat(kidOfAToken(idp)).as("next never signs before promote").isEqualTo(first);
        }
        assertThat(run("keys", "promote", "--ring", "oidc", "--data-dir", data).exitCode()).isZero();
        try (IdpApplication idp = start()) {
            assertThat(kids(idp)).containsExactly(next);
            assertThat(kidOfAToken(idp)).isEqualTo(next);
        }
    }
}
