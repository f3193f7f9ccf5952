package dev.stsbridge.idp.oidc;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.stsbridge.idp.assertion.AssertionRequest;
import dev.stsbridge.idp.claims.AwsClaimsResolver;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.rules.AwsRules;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;

/** A provider over generated keys, the demo's AWS settings and hand-built people; a clock tests move. */
final class OidcFixtures {

    static final URI ISSUER = URI.create("https://idp.example.test");
    static final String PUBLIC = "cli";
    static final String CONFIDENTIAL = "ci-deployer";
    static final String SECRET = "s3cret-of-the-ci-deployer";
    static final String REDIRECT = "https://app.example.test/callback";
    static final String LOOPBACK = "http://127.0.0.1/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K9qDjtrNLQn2QcGm8sK6d6oLk0-extra";

    private static final SigningKey KEY_A = key("a");
    private static final SigningKey KEY_B = key("b");

    /** A clock tests move. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private OidcFixtures() {
    }

    private static SigningKey key(String suffix) {
        SigningKey k = new SigningKeyGenerator(Clock.systemUTC()).generate(KeyAlgorithm.RSA_2048, ISSUER.toString(),
                Duration.ofDays(30));
        return new SigningKey("oidc-" + suffix, k.algorithm(), k.privateKey(), k.certificate());
    }

    static KeyRing ring() {
        return new KeyRing(KEY_A, Optional.empty(), List.of());
    }

    static KeyRing rotated() {
        return new KeyRing(KEY_A, Optional.of(KEY_B), List.of());
    }

    static KeyRing promoted() {
        return new KeyRing(KEY_B, Optional.empty(), List.of(KEY_A));
    }

    static AwsConfig aws() {
        return StsbridgeConfig.demo().aws();
    }

    static OidcClients clients() {
        return new OidcClients(List.of(
                OidcClient.publicClient(PUBLIC, List.of(URI.create(LOOPBACK), URI.create(REDIRECT)), false),
                OidcClient.confidential(CONFIDENTIAL, List.of(URI.create(REDIRECT)), SECRET.toCharArray(), false)));
    }

    static OidcProvider provider(Clock clock, KeyRing ring) {
        return provider(clock, ring, aws());
    }

    static OidcProvider provider(Clock clock, KeyRing ring, AwsConfig aws) {
        SecureRandom random = new SecureRandom();
        IdTokenFactory tokens = new IdTokenFactory(ISSUER, OidcKeys.of(ring), Duration.ofHours(1),
                new AwsClaimsResolver(aws), new AwsRules(aws.partition()), new byte[32], clock, random);
        return new OidcProvider(OidcKeys.of(ring), clients(), new InMemoryAuthorizationCodeStore(clock), tokens,
                clock, random);
    }

    /** A provider with these code and token stores (e.g. one node of several on a shared database). */
    static OidcProvider provider(Clock clock, KeyRing ring, AuthorizationCodeStore codes, AccessTokenStore tokens) {
        SecureRandom random = new SecureRandom();
        IdTokenFactory idTokens = new IdTokenFactory(ISSUER, OidcKeys.of(ring), Duration.ofHours(1),
                new AwsClaimsResolver(aws()), new AwsRules(aws().partition()), new byte[32], clock, random);
        return new OidcProvider(OidcKeys.of(ring), clients(), codes, tokens, idTokens, clock, random);
    }

    static DirectoryUser alice() {
        String groups = ",ou=groups,dc=example,dc=com";
        return new DirectoryUser("alice", "uid=alice,ou=people,dc=example,dc=com", "uuid-of-alice",
                Map.of("uid", List.of("alice"), "mail", List.of("alice@example.com"),
                        "departmentNumber", List.of("engineering"), "ou", List.of("platform")),
                Set.of("cn=aws-prod-admin" + groups, "cn=aws-dev-developer" + groups));
    }

    static SignedInUser signedIn(DirectoryUser user, Clock clock) {
        return new SignedInUser(user, clock.instant(), AssertionRequest.PASSWORD, "_session",
                clock.instant().plus(Duration.ofHours(8)));
    }

    /** The query parameters of a good authorization request of the public client. */
    static Map<String, String> authorization() {
        return new java.util.HashMap<>(Map.of("client_id", PUBLIC, "redirect_uri", LOOPBACK, "response_type", "code",
                "scope", "openid email", "state", "st-1", "nonce", "n-1",
                "code_challenge", Pkce.challenge(VERIFIER), "code_challenge_method", "S256"));
    }

    static TokenRequest tokenRequest(String code, String clientId, String redirectUri, String verifier) {
        return new TokenRequest(Optional.of("authorization_code"), Optional.of(code), Optional.of(redirectUri),
                Optional.of(verifier), Optional.of(clientId), Optional.empty(), Optional.empty());
    }
}
