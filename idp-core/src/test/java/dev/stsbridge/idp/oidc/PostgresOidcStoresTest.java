package dev.stsbridge.idp.oidc;

import static dev.stsbridge.idp.oidc.OidcFixtures.LOOPBACK;
import static dev.stsbridge.idp.oidc.OidcFixtures.PUBLIC;
import static dev.stsbridge.idp.oidc.OidcFixtures.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.PostgresConfig;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.mfa.EnrollmentCipher;
import dev.stsbridge.idp.state.Database;
import dev.stsbridge.idp.state.DatabaseClock;
import dev.stsbridge.idp.state.PostgresServer;

/**
 * OpenID Connect codes and access tokens shared by two IdP nodes (two providers, each with its own pool, on one real
 * PostgreSQL, schema by Flyway). Node B's own clock is two minutes ahead of node A's; both run on the database's
 * clock, so they agree on when a code expires.
 */
class PostgresOidcStoresTest {

    private static final Duration SKEW = Duration.ofMinutes(2);

    @TempDir
    static Path dataDir;
    private static PostgresServer postgres;
    private static Database poolA;
    private static Database poolB;
    private static OidcFixtures.MovableClock ownClockA;
    private static OidcFixtures.MovableClock ownClockB;
    private static OidcProvider nodeA;
    private static OidcProvider nodeB;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        PostgresConfig config = new PostgresConfig(postgres.createDatabase("oidc"), postgres.user(),
                SecretRef.fromEnv("P"), 4, false);
        poolA = Database.open(config, Map.of("P", postgres.password()));
        poolB = Database.open(config, Map.of("P", postgres.password()));
        ownClockA = new OidcFixtures.MovableClock();
        ownClockB = new OidcFixtures.MovableClock();
        ownClockB.advance(SKEW);
        nodeA = node(poolA, ownClockA);
        nodeB = node(poolB, ownClockB);
    }

    private static OidcProvider node(Database pool, OidcFixtures.MovableClock own) {
        DatabaseClock clock = DatabaseClock.of(own, pool.dataSource());
        EnrollmentCipher cipher = EnrollmentCipher.loadOrCreate(dataDir, new SecureRandom());
        return OidcFixtures.provider(clock, OidcFixtures.ring(),
                new PostgresAuthorizationCodeStore(pool.dataSource(), cipher, clock),
                new PostgresAccessTokenStore(pool.dataSource(), cipher, clock));
    }

    @AfterAll
    static void stop() {
        poolA.close();
        poolB.close();
        postgres.close();
    }

    private static String codeFrom(OidcProvider node) {
        Map<String, String> parameters = OidcFixtures.authorization();
        AuthorizationCheck check = node.check(name -> Optional.ofNullable(parameters.get(name)));
        return node.issueCode(((AuthorizationCheck.Valid) check).request(),
                OidcFixtures.signedIn(OidcFixtures.alice(), ownClockA));
    }

    private static TokenResponse redeem(OidcProvider node, String code) {
        return node.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER));
    }

    private static void assertRefused(Executable call, String error, String description) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.error().error()).isEqualTo(error);
            assertThat(e.error().description()).isEqualTo(description);
        });
    }

    @Test
    void aCodeIssuedOnNodeAIsRedeemedOnNodeB() {
        TokenResponse response = redeem(nodeB, codeFrom(nodeA));
        assertThat(response.idToken()).isNotBlank();
        assertThat(response.json()).containsEntry("scope", "openid email");
    }

    @Test
    void userinfoOnNodeBKnowsTheAccessTokenNodeAIssued() {
        TokenResponse response = redeem(nodeA, codeFrom(nodeA));
        Map<String, Object> claims = nodeB.userinfo(response.accessToken()).orElseThrow();
        assertThat(claims).containsEntry("preferred_username", "alice").containsEntry("email", "alice@example.com");
        assertThat(nodeB.userinfo(response.accessToken() + "x")).isEmpty();
    }

    @Test
    void aReplayOnNodeBAfterRedemptionOnNodeAIsInvalidGrantAndRevokesNodeAsAccessToken() {
        String code = codeFrom(nodeA);
        TokenResponse first = redeem(nodeA, code);
        assertThat(nodeA.userinfo(first.accessToken())).isPresent();
        assertRefused(() -> redeem(nodeB, code), "invalid_grant", "the authorization code was already used");
        assertThat(nodeA.userinfo(first.accessToken())).isEmpty();
        assertThat(nodeB.userinfo(first.accessToken())).isEmpty();
    }

    @Test
    void theSameCodeRedeemedAtOnceOnBothNodesSucceedsExactlyOnce() throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String code = codeFrom(nodeA);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Optional<TokenResponse>>> attempts = new ArrayList<>();
                for (OidcProvider node : List.of(nodeA, nodeB)) {
                    attempts.add(both.submit(() -> {
                        start.await();
                        try {
                            return Optional.of(redeem(node, code));
                        } catch (OAuthException e) {
                            assertThat(e.error().description()).isEqualTo("the authorization code was already used");
                            return Optional.<TokenResponse>empty();
                        }
                    }));
                }
                List<TokenResponse> successes = new ArrayList<>();
                for (Future<Optional<TokenResponse>> attempt : attempts) {
                    attempt.get().ifPresent(successes::add);
                }
                assertThat(successes).as("round " + round).hasSize(1);
                assertThat(nodeA.userinfo(successes.get(0).accessToken())).as("revoked by the replay").isEmpty();
                assertThat(nodeB.userinfo(successes.get(0).accessToken())).isEmpty();
            }
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void aCodeFromNodeAWhoseOwnClockIsBehindIsRedeemableOnNodeBUntilItExpiresOnTheDatabaseClock() {
        String fresh = codeFrom(nodeA);
        assertThat(redeem(nodeB, fresh).idToken()).as("node B's own clock is already past the code's expiry")
                .isNotBlank();
        String late = codeFrom(nodeA);
        ownClockA.advance(OidcProvider.CODE_LIFETIME.plusSeconds(1));
        ownClockB.advance(OidcProvider.CODE_LIFETIME.plusSeconds(1));
        try {
            assertRefused(() -> redeem(nodeB, late), "invalid_grant", "the authorization code has expired");
        } finally {
            ownClockA.advance(OidcProvider.CODE_LIFETIME.plusSeconds(1).negated());
            ownClockB.advance(OidcProvider.CODE_LIFETIME.plusSeconds(1).negated());
        }
    }

    @Test
    void aTokenForACodeThatAReplayRevokedFirstIsNotKeptAnywhere() {
        EnrollmentCipher cipher = EnrollmentCipher.loadOrCreate(dataDir, new SecureRandom());
        DatabaseClock clock = DatabaseClock.of(ownClockA, poolA.dataSource());
        AuthorizationGrant grant = new AuthorizationGrant(PUBLIC, LOOPBACK, Pkce.challenge(VERIFIER),
                Optional.of("n-1"), List.of("openid"), OidcFixtures.signedIn(OidcFixtures.alice(), ownClockA),
                clock.instant().plus(OidcProvider.CODE_LIFETIME));
        new PostgresAuthorizationCodeStore(poolA.dataSource(), cipher, clock).save("code-key-raced", grant);
        PostgresAccessTokenStore onA = new PostgresAccessTokenStore(poolA.dataSource(), cipher, clock);
        PostgresAccessTokenStore onB = new PostgresAccessTokenStore(poolB.dataSource(), cipher, clock);

        onB.revokeIssuedFor("code-key-raced"); // the replay on node B got there before node A kept its token

        assertThat(onA.save("token-key-raced", "code-key-raced", grant, clock.instant().plusSeconds(3600)))
                .isFalse();
        assertThat(onA.find("token-key-raced")).isEmpty();
        assertThat(onB.find("token-key-raced")).isEmpty();
    }

    @Test
    void anUnknownCodeIsInvalidGrant() {
        assertRefused(() -> redeem(nodeB, "never-issued-code-never-issued-code-never-iss"), "invalid_grant",
                "the authorization code is invalid or has expired");
    }

    @Test
    void aSealedCodeRowCopiedUnderAnotherCodesKeyDoesNotOpen() throws Exception {
        String stolen = codeFrom(nodeA);
        String mine = codeFrom(nodeA);
        try (Connection c = poolA.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE oidc_code SET sealed = (SELECT sealed FROM oidc_code WHERE code_sha256 = ?) "
                        + "WHERE code_sha256 = ?")) {
            s.setString(1, TokenService.key(stolen));
            s.setString(2, TokenService.key(mine));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        assertRefused(() -> redeem(nodeB, mine), "invalid_grant", "the authorization code is invalid or has expired");
    }

    @Test
    void theDatabaseHoldsNeitherCodesNorTokensNorTheGrantInClear() throws Exception {
        String code = codeFrom(nodeA);
        TokenResponse response = redeem(nodeB, code);
        List<String> rows = new ArrayList<>();
        try (Connection c = poolA.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT code_sha256, sealed FROM oidc_code UNION ALL "
                     + "SELECT token_sha256 || code_sha256, sealed FROM oidc_access_token")) {
            while (r.next()) {
                rows.add(r.getString(1) + new String(r.getBytes(2), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).doesNotContain(code)
                .doesNotContain(response.accessToken()).doesNotContain("alice").doesNotContain("n-1")
                .doesNotContain(Pkce.challenge(VERIFIER)).doesNotContain(LOOPBACK));
    }
}
