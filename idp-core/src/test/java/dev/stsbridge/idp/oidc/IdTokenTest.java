package dev.stsbridge.idp.oidc;

import static dev.stsbridge.idp.oidc.OidcFixtures.LOOPBACK;
import static dev.stsbridge.idp.oidc.OidcFixtures.PUBLIC;
import static dev.stsbridge.idp.oidc.OidcFixtures.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.keys.KeyRing;

class IdTokenTest {

    private final OidcFixtures.MovableClock clock = new OidcFixtures.MovableClock();

    private static String idToken(OidcProvider provider, SignedInUser person) {
        AuthorizationCheck check = provider.check(name -> Optional.ofNullable(OidcFixtures.authorization().get(name)));
        String code = provider.issueCode(((AuthorizationCheck.Valid) check).request(), person);
        return provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER)).idToken();
    }

    /** Verifies as a relying party would: the JWKS as published (JSON), RS256 only, iss/aud/exp required. */
    private static JWTClaimsSet verify(String token, String jwksJson, Date now) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(jwksJson))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(PUBLIC,
                new JWTClaimsSet.Builder().issuer(OidcFixtures.ISSUER.toString()).build(),
                Set.of("sub", "exp", "iat", "nbf")) {
            @Override
            protected Date currentTime() {
                return now;
            }
        });
        return processor.process(token, null);
    }

    private OidcProvider provider(KeyRing ring) {
        return OidcFixtures.provider(clock, ring);
    }

    @Test
    void idTokenVerifiesAgainstThePublishedJwksWithTheExpectedClaims() throws Exception {
        OidcProvider provider = provider(OidcFixtures.ring());
        String token = idToken(provider, OidcFixtures.signedIn(OidcFixtures.alice(), clock));
        JWTClaimsSet claims = verify(token, provider.keys().publicJwks().toString(), Date.from(clock.instant()));

        assertThat(claims.getIssuer()).isEqualTo("https://idp.example.test");
        assertThat(claims.getAudience()).containsExactly(PUBLIC);
        assertThat(claims.getStringClaim("azp")).isEqualTo(PUBLIC);
        assertThat(claims.getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(claims.getLongClaim("auth_time")).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(claims.getStringListClaim("groups")).containsExactly(
                "cn=aws-dev-developer,ou=groups,dc=example,dc=com", "cn=aws-prod-admin,ou=groups,dc=example,dc=com");
        assertThat(claims.getStringListClaim(IdTokenFactory.ROLES_CLAIM)).containsExactly(
                "arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::444455556666:role/Developer");
        assertThat(claims.getJSONObjectClaim(IdTokenFactory.AWS_TAGS)).isEqualTo(Map.of(
                "principal_tags", Map.of("department", List.of("engineering"), "team", List.of("platform")),
                "transitive_tag_keys", List.of("department")));
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void subjectIsOpaqueStablePerClientAndDiffersBetweenClients() throws Exception {
        OidcProvider provider = provider(OidcFixtures.ring());
        DirectoryUser alice = OidcFixtures.alice();
        String first = SignedJWT.parse(idToken(provider, OidcFixtures.signedIn(alice, clock))).getJWTClaimsSet()
                .getSubject();
        String again = SignedJWT.parse(idToken(provider, OidcFixtures.signedIn(alice, clock))).getJWTClaimsSet()
                .getSubject();
        IdTokenFactory factory = new IdTokenFactory(OidcFixtures.ISSUER, OidcKeys.of(OidcFixtures.ring()),
                Duration.ofHours(1), new dev.stsbridge.idp.claims.AwsClaimsResolver(OidcFixtures.aws()),
                new dev.stsbridge.idp.rules.AwsRules(OidcFixtures.aws().partition()), new byte[32], clock,
                new java.security.SecureRandom());
        assertThat(first).isEqualTo(again).doesNotContain("alice").hasSize(43);
        assertThat(factory.subject(alice, "another-client")).isNotEqualTo(first);
        assertThat(factory.subject(alice, PUBLIC)).isEqualTo(first);
    }

    private List<String> amrAfter(Optional<String> factor) throws Exception {
        OidcProvider provider = provider(OidcFixtures.ring());
        SignedInUser withMfa = OidcFixtures.signedIn(OidcFixtures.alice(), clock).withMfa(clock.instant(), factor);
        return SignedJWT.parse(idToken(provider, withMfa)).getJWTClaimsSet().getStringListClaim("amr");
    }

    @Test
    void amrAfterTotpIsPwdOtpMfa() throws Exception {
        assertThat(amrAfter(Optional.of("otp"))).containsExactly("pwd", "otp", "mfa");
    }

    @Test
    void amrAfterAPasskeyIsPwdHwkMfa() throws Exception {
        assertThat(amrAfter(Optional.of("hwk"))).containsExactly("pwd", "hwk", "mfa");
    }

    @Test
    void amrAfterARecoveryCodeIsPwdMfa() throws Exception {
        assertThat(amrAfter(Optional.empty())).containsExactly("pwd", "mfa");
    }

    @Test
    void expiredIdTokenFailsVerification() throws Exception {
        OidcProvider provider = provider(OidcFixtures.ring());
        String token = idToken(provider, OidcFixtures.signedIn(OidcFixtures.alice(), clock));
        Date later = Date.from(clock.instant().plus(Duration.ofHours(1)).plusSeconds(61));
        assertThatThrownBy(() -> verify(token, provider.keys().publicJwks().toString(), later))
                .isInstanceOf(BadJOSEException.class).hasMessageContaining("Expired JWT");
    }

    @Test
    void jwksPublishesOnlyPublicRs256SigningKeysWithThumbprintIds() throws Exception {
        JWKSet jwks = JWKSet.parse(provider(OidcFixtures.ring()).keys().publicJwks().toString());
        assertThat(jwks.getKeys()).hasSize(1);
        JWK key = jwks.getKeys().get(0);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(provider(OidcFixtures.ring()).keys().publicJwks().toString()).doesNotContain("\"d\"");
    }

    @Test
    void afterRotateJwksHoldsCurrentAndNextButOnlyCurrentSigns() throws Exception {
        OidcProvider rotated = provider(OidcFixtures.rotated());
        JWKSet jwks = JWKSet.parse(rotated.keys().publicJwks().toString());
        assertThat(jwks.getKeys()).hasSize(2);
        String current = jwks.getKeys().get(0).getKeyID();
        String next = jwks.getKeys().get(1).getKeyID();
        assertThat(current).isNotEqualTo(next);

        String token = idToken(rotated, OidcFixtures.signedIn(OidcFixtures.alice(), clock));
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(current);
        JWKSet onlyNext = new JWKSet(jwks.getKeyByKeyId(next));
        assertThatThrownBy(() -> verify(token, onlyNext.toString(), Date.from(clock.instant())))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void afterPromoteTheFormerNextKeySigns() throws Exception {
        String next = JWKSet.parse(provider(OidcFixtures.rotated()).keys().publicJwks().toString()).getKeys().get(1)
                .getKeyID();
        OidcProvider promoted = provider(OidcFixtures.promoted());
        String token = idToken(promoted, OidcFixtures.signedIn(OidcFixtures.alice(), clock));
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(next);
        assertThat(JWKSet.parse(promoted.keys().publicJwks().toString()).getKeys()).hasSize(1);
        assertThat(verify(token, promoted.keys().publicJwks().toString(), Date.from(clock.instant())).getSubject())
                .isNotBlank();
    }

    @Test
    void tagThatBreaksAwsRulesIsRefusedBeforeSigning() {
        OidcProvider provider = provider(OidcFixtures.ring());
        DirectoryUser alice = OidcFixtures.alice();
        DirectoryUser bad = new DirectoryUser("mallory", alice.distinguishedName(), "uuid-of-mallory",
                Map.of("mail", List.of("m@example.com"), "departmentNumber", List.of("eng<script>"),
                        "ou", List.of("platform")), alice.groupDns());
        assertThat(provider.preflight(bad)).extracting(v -> v.rule().name()).containsExactly("TAG_VALUE");
        assertThatThrownBy(() -> idToken(provider, OidcFixtures.signedIn(bad, clock)))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error().error()).isEqualTo("access_denied");
                    assertThat(e.error().description()).isEqualTo("the person's claims break AWS rules: session tag "
                            + "value must be 0-256 letters, digits, spaces or _.:/=+-@");
                });
    }
}
