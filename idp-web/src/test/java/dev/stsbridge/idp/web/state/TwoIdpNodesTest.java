package dev.stsbridge.idp.web.state;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.PostgresConfig;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.state.Database;
import dev.stsbridge.idp.state.PostgresServer;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.idp.web.mfa.Authenticator;
import dev.stsbridge.idp.web.mfa.SecondFactorCheck;
import dev.stsbridge.idp.web.sp.TestSp;

/**
 * Two IdP nodes (two in-process servers, each with its own connection pool) on one real PostgreSQL and one data
 * directory, a browser going back and forth between them as behind a load balancer. Node B's own clock is two
 * minutes ahead of node A's: both run on the database's clock (their own plus the measured offset), so the skew
 * changes nothing: sessions, throttle delays, replay-cache entries and TOTP steps agree.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoIdpNodesTest {

    private static final String MFA_CLASS = "https://refeds.org/profile/mfa";
    private static final Duration SKEW = Duration.ofMinutes(2);

    @TempDir
    static Path dataDir;
    private static PostgresServer postgres;
    private static Database poolA;
    private static Database poolB;
    private static TestIdp nodeA;
    private static TestIdp nodeB;
    private static TestSp sp;
    private static final java.util.regex.Pattern RECOVERY_CODE =
            java.util.regex.Pattern.compile("<li><code>([a-z2-7-]{19})</code></li>");
    private static List<String> recoveryCodes = List.of();

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        PostgresConfig config = new PostgresConfig(postgres.createDatabase("idp"), postgres.user(),
                SecretRef.fromEnv("DB_PASSWORD"), 4, false);
        poolA = Database.open(config, Map.of("DB_PASSWORD", postgres.password()));
        poolB = Database.open(config, Map.of("DB_PASSWORD", postgres.password()));
        sp = new TestSp("https://sp.example.test/saml", "https://sp.example.test/acs", Clock.systemUTC());
        List<ServiceProviderConfig> sps = List.of(new ServiceProviderConfig(
                TestIdp.write(dataDir, "sp.xml", sp.metadata(false)), SpProfile.BASIC, NameIdFormat.EMAIL, false));
        String mfaForAdmins = "\nmfa:\n  required: groups\n  groups: [\"cn=aws-prod-admin,ou=groups,dc=example,dc=com\"]\n";
        nodeA = TestIdp.node(dataDir, sps, yaml -> yaml + mfaForAdmins, poolA.dataSource(), Duration.ZERO);
        nodeB = TestIdp.node(dataDir, sps, yaml -> yaml + mfaForAdmins, poolB.dataSource(), SKEW);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        poolA.close();
        poolB.close();
        postgres.close();
    }

    private static Browser onA() {
        return nodeA.browser();
    }

    @Test
    void nodesWhoseOwnClocksAreTwoMinutesApartAgreeOnTheTime() {
        assertThat(Duration.between(nodeA.clock.instant(), nodeB.clock.instant()).abs())
                .isGreaterThan(SKEW.minusSeconds(1));
        assertThat(Duration.between(nodeA.idp.clock().instant(), nodeB.idp.clock().instant()).abs())
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void signedInOnNodeAThePersonHasSingleSignOnAtNodeB() {
        Browser a = onA().signedIn("bob", "builder");
        Browser b = a.at(nodeB.server.baseUrl());
        HttpResponse<String> portal = b.get("/portal");
        assertThat(portal.statusCode()).as(portal.body()).isEqualTo(200);
        assertThat(portal.body()).contains("bob");
        HttpResponse<String> sso = b.get("/sso/aws?account=dev&role=ReadOnly");
        assertThat(sso.statusCode()).as(sso.body()).isEqualTo(200);
        assertThat(samlResponse(sso)).contains("arn:aws:iam::444455556666:role/ReadOnly");
    }

    @Test
    void theDatabaseHoldsNeitherTheSessionIdNorTheCsrfTokenNorTheName() throws Exception {
        Browser a = onA().signedIn("bob", "builder");
        String id = a.cookie("stsbridge_session").orElseThrow();
        String csrf = Browser.csrf(a.get("/logout").body());
        List<String> keys = new java.util.ArrayList<>();
        List<String> rows = new java.util.ArrayList<>();
        try (var c = poolA.dataSource().getConnection(); var s = c.createStatement();
             var r = s.executeQuery("SELECT id_sha256, sealed FROM idp_session")) {
            while (r.next()) {
                keys.add(r.getString(1));
                rows.add(new String(r.getBytes(2), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(keys).contains(dev.stsbridge.idp.web.session.InMemorySessionStore.key(id)).doesNotContain(id);
        assertThat(rows).allSatisfy(row -> assertThat(row).doesNotContain(csrf).doesNotContain("bob")
                .doesNotContain("csrfToken"));
    }

    @Test
    void logoutOnNodeAEndsTheSessionOnNodeB() {
        Browser a = onA().signedIn("bob", "builder");
        Browser b = a.at(nodeB.server.baseUrl());
        assertThat(b.get("/portal").statusCode()).isEqualTo(200);
        HttpResponse<String> confirm = a.get("/logout");
        assertThat(a.post("/logout", form("csrf", Browser.csrf(confirm.body()))).statusCode()).isEqualTo(200);
        HttpResponse<String> after = b.get("/portal");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/login?next=%2Fportal");
    }

    @Test
    void failedLoginsOnBothNodesCountInOneThrottle() {
        Browser a = onA();
        Browser b = nodeB.browser();
        for (int i = 0; i < 4; i++) { // 3 free failures, the 4th starts a 1 s delay: two per node
            assertThat((i % 2 == 0 ? a : b).login("carol", "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = b.login("carol", "chocolate");
        assertThat(throttled.statusCode()).as("refused at once on node B, even with the right password")
                .isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.body()).contains("Too many attempts, try again in 1 seconds.");
        assertThat(nodeB.auditLines("\"outcome\":\"throttled\"", "carol")).hasSize(1);
    }

    @Test
    void anAuthnRequestAnsweredByNodeAIsRefusedAsAReplayByNodeB() {
        String query = TestSp.redirectQuery(sp.request("_shared-replay", Instant.now(), sp.entityId, sp.acs,
                "http://127.0.0.1:8080/saml2/sso"), null);
        assertThat(onA().get("/saml2/sso?" + query).statusCode()).isEqualTo(303);
        HttpResponse<String> replay = nodeB.browser().get("/saml2/sso?" + query);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("The AuthnRequest ID _shared-replay was already used (a replayed request).").doesNotContain("SAMLResponse");
    }

    @Test
    void anSpInitiatedRequestWaitingOnNodeAIsAnsweredAfterTheLoginOnNodeB() {
        Browser a = onA();
        String query = TestSp.redirectQuery(sp.request("_pending-across", Instant.now(), sp.entityId, sp.acs,
                "http://127.0.0.1:8080/saml2/sso"), "state-7");
        assertThat(a.get("/saml2/sso?" + query).headers().firstValue("Location")).hasValue("/login");
        Browser b = a.at(nodeB.server.baseUrl());
        HttpResponse<String> login = b.login("bob", "builder");
        assertThat(login.statusCode()).isEqualTo(303);
        HttpResponse<String> answer = b.get(login.headers().firstValue("Location").orElseThrow());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(samlResponse(answer)).contains("InResponseTo=\"_pending-across\"");
        assertThat(Browser.hidden(answer.body(), "RelayState")).hasValue("state-7");
    }

    @Test
    @Order(1)
    void totpEnrolledOnNodeAIsUsedOnNodeBAndACodeUsedThereIsRefusedOnNodeA() {
        Browser enrolling = onA();
        assertThat(enrolling.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        HttpResponse<String> page = enrolling.get("/mfa/enroll");
        Authenticator app = Authenticator.scan(page.body());
        HttpResponse<String> enrolled = enrolling.post("/mfa/enroll/totp", form("csrf", Browser.csrf(page.body()),
                "code", app.code(nodeA.idp.clock().instant())));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        recoveryCodes = RECOVERY_CODE.matcher(enrolled.body()).results().map(m -> m.group(1)).toList();
        assertThat(recoveryCodes).hasSize(10);

        nodeA.clock.advance(Duration.ofSeconds(60)); // both nodes a step past the enrollment's
        nodeB.clock.advance(Duration.ofSeconds(60));
        String code = app.code(nodeB.idp.clock().instant());
        Browser b = nodeB.browser();
        assertThat(b.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        HttpResponse<String> accepted = b.post("/mfa/totp", form("csrf", Browser.csrf(b.get("/mfa").body()),
                "code", code));
        assertThat(accepted.headers().firstValue("Location")).hasValue("/portal");
        assertThat(samlResponse(b.get("/sso/aws?account=prod&role=Admin")))
                .contains("<saml2:AuthnContextClassRef>" + MFA_CLASS + "</saml2:AuthnContextClassRef>");

        Browser a = onA();
        assertThat(a.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        HttpResponse<String> replay = a.post("/mfa/totp", form("csrf", Browser.csrf(a.get("/mfa").body()),
                "code", code));
        assertThat(replay.statusCode()).as("the same code on node A, in the same step").isEqualTo(401);
        assertThat(replay.body()).contains(SecondFactorCheck.INVALID_CODE);
    }

    @Test
    @Order(2)
    void aRecoveryCodeUsedOnNodeAIsRefusedOnNodeB() {
        String code = recoveryCodes.get(0);
        Browser a = onA();
        assertThat(a.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        HttpResponse<String> used = a.post("/mfa/recovery", form("csrf", Browser.csrf(a.get("/mfa").body()),
                "code", code));
        assertThat(used.headers().firstValue("Location")).hasValue("/portal");

        Browser b = nodeB.browser();
        assertThat(b.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        HttpResponse<String> reused = b.post("/mfa/recovery", form("csrf", Browser.csrf(b.get("/mfa").body()),
                "code", code));
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.body()).contains(SecondFactorCheck.INVALID_RECOVERY);
    }

    @Test
    @Order(3)
    void wrongSecondFactorCodesOnBothNodesCountInOneThrottle() {
        Browser clearing = onA(); // a success clears alice's earlier failures (the replayed code, the reused one)
        assertThat(clearing.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        assertThat(clearing.post("/mfa/recovery", form("csrf", Browser.csrf(clearing.get("/mfa").body()),
                "code", recoveryCodes.get(1))).statusCode()).isEqualTo(303);
        Browser a = onA();
        assertThat(a.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        Browser b = a.at(nodeB.server.baseUrl());
        for (int i = 0; i < 4; i++) { // 3 free failures, the 4th starts a 1 s delay: two per node
            Browser node = i % 2 == 0 ? a : b;
            HttpResponse<String> wrong = node.post("/mfa/totp", form("csrf", Browser.csrf(node.get("/mfa").body()),
                    "code", "000000"));
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = a.post("/mfa/totp", form("csrf", Browser.csrf(a.get("/mfa").body()),
                "code", "000000"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("Too many attempts, try again in 1 seconds.");
    }

    @Test
    void healthzOnEachNodeReportsTheSharedDatabaseAvailable() throws Exception {
        for (TestIdp node : List.of(nodeA, nodeB)) {
            HttpResponse<String> health = node.browser().get("/healthz");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(health.body());
            assertThat(body.path("status").asText()).isEqualTo("ok");
            assertThat(body.path("state").path("kind").asText()).isEqualTo("postgresql");
            assertThat(body.path("state").path("available").asBoolean()).isTrue();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void withTheDatabaseDownHealthzIs503WithAOneLineReasonAndOkOnceItIsBack() throws Exception {
        postgres.stop();
        try {
            HttpResponse<String> down = nodeA.browser().get("/healthz");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode body = new ObjectMapper().readTree(down.body());
            assertThat(body.path("status").asText()).isEqualTo("unavailable");
            assertThat(body.path("reason").asText())
                    .matches("shared state database unavailable: SQLSTATE [0-9A-Z]{5}: [^\n]+")
                    .hasSizeLessThanOrEqualTo(260).doesNotContain(postgres.password());
            assertThat(body.path("state").path("available").asBoolean()).isFalse();
            assertThat(body.path("directory").path("available").asBoolean()).as("the directory is fine")
                    .isTrue();
        } finally {
            postgres.restart();
        }
        assertThat(nodeA.browser().get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void withTheDatabaseDownPagesSay503AndAfterItIsBackSignInWorks() {
        Browser a = onA().signedIn("bob", "builder");
        postgres.stop();
        try {
            HttpResponse<String> down = a.get("/portal");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(down.body()).contains("The sign-in service cannot reach its database right now.")
                    .doesNotContain("Exception").doesNotContain("SQL");
            assertThat(nodeB.browser().get("/login").statusCode()).isEqualTo(503);
        } finally {
            postgres.restart();
        }
        HttpResponse<String> back = a.get("/portal");
        assertThat(back.statusCode()).as("the session outlived the outage").isEqualTo(200);
    }

    private static String samlResponse(HttpResponse<String> page) {
        return new String(Base64.getDecoder().decode(Browser.hidden(page.body(), "SAMLResponse").orElseThrow()),
                StandardCharsets.UTF_8);
    }
}
