package dev.stsbridge.app.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The relying party's checks of an ID token, one refusal per rule, with keys made by the test. */
class IdTokenCheckTest {

    private static final URI ISSUER = URI.create("https://localhost:8443");
    private static final String CLIENT = "stsbridge-demo";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static final String REFUSED = "the ID token from https://localhost:8443 does not check out: ";

    private static RSAKey issuerKey;
    private static JWKSet jwks;

    @BeforeAll
    static void keys() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("current").generate();
        jwks = new JWKSet(issuerKey.toPublicJWK());
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER.toString()).subject("opaque-sub").audience(CLIENT)
                .claim("nonce", NONCE).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    private static String signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenOfTheIssuerForThisClientAndNonceChecksOut() throws Exception {
        JWTClaimsSet checked = IdTokenCheck.check(signed(issuerKey, c -> c), jwks, ISSUER, CLIENT, NONCE);
        assertThat(checked.getSubject()).isEqualTo("opaque-sub");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheIssuersKidIsRefused() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("current").generate();
        assertThatThrownBy(() -> IdTokenCheck.check(signed(other, c -> c), jwks, ISSUER, CLIENT, NONCE))
                .isInstanceOf(TokenFailure.class).hasMessage(REFUSED + "Signed JWT rejected: Invalid signature");
    }

    @Test
    void aTokenWithAnotherNonceIsRefused() throws Exception {
        assertThatThrownBy(() -> IdTokenCheck.check(signed(issuerKey, c -> c.claim("nonce", "replayed")), jwks,
                ISSUER, CLIENT, NONCE)).isInstanceOf(TokenFailure.class)
                .hasMessage(REFUSED + "JWT nonce claim value rejected");
    }

    @Test
    void aTokenForAnotherClientIsRefused() throws Exception {
        assertThatThrownBy(() -> IdTokenCheck.check(signed(issuerKey, c -> c.audience("other-client")), jwks,
                ISSUER, CLIENT, NONCE)).isInstanceOf(TokenFailure.class)
                .hasMessage(REFUSED + "JWT aud claim rejected");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        assertThatThrownBy(() -> IdTokenCheck.check(signed(issuerKey, c -> c.issuer("https://evil.example")), jwks,
                ISSUER, CLIENT, NONCE)).isInstanceOf(TokenFailure.class)
                .hasMessage(REFUSED + "JWT iss claim value rejected");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(7200);
        assertThatThrownBy(() -> IdTokenCheck.check(signed(issuerKey, c -> c.issueTime(Date.from(past))
                .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(3600)))), jwks, ISSUER,
                CLIENT, NONCE)).isInstanceOf(TokenFailure.class).hasMessage(REFUSED + "Expired JWT");
    }

    @Test
    void aTokenWithoutSubjectIsRefused() throws Exception {
        assertThatThrownBy(() -> IdTokenCheck.check(signed(issuerKey, c -> c.subject(null)), jwks, ISSUER, CLIENT,
                NONCE)).isInstanceOf(TokenFailure.class)
                .hasMessage(REFUSED + "JWT missing required claims: [sub]");
    }

    @Test
    void anHmacTokenIsRefusedEvenWhenKeyedWithPublicMaterial() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("current").build(),
                claims().build());
        jwt.sign(new MACSigner(issuerKey.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertThatThrownBy(() -> IdTokenCheck.check(jwt.serialize(), jwks, ISSUER, CLIENT, NONCE))
                .isInstanceOf(TokenFailure.class)
                .hasMessage(REFUSED + "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void somethingThatIsNotAJwtIsRefused() {
        assertThatThrownBy(() -> IdTokenCheck.check("not-a-jwt", jwks, ISSUER, CLIENT, NONCE))
                .isInstanceOf(TokenFailure.class).hasMessageStartingWith(REFUSED);
    }
}
