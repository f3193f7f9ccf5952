package dev.stsbridge.idp.web.mfa;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;

/**
 * MFA required for a group (alice is in cn=aws-prod-admin, bob is not) against the real server: enrollment before
 * the portal, TOTP codes computed here from the secret on the page, replay and throttling, recovery codes, and the
 * assertion's AuthnContextClassRef.
 */
class MfaLoginTest {

    static final String MFA_CLASS = "https://refeds.org/profile/mfa";
    private static final Pattern CODES = Pattern.compile("<li><code>([a-z2-7-]{19})</code></li>");

    @TempDir
    static Path dataDir;
    private static TestIdp idp;
    private static Authenticator alicesApp;
    private static List<String> recoveryCodes;

    @BeforeAll
    static void start() {
        idp = TestIdp.startWith(dataDir, List.of(), yaml -> yaml + "\nmfa:\n  required: groups\n"
                + "  groups: [\"cn=aws-prod-admin,ou=groups,dc=example,dc=com\"]\n");
        Browser browser = idp.browser();
        HttpResponse<String> login = browser.login("alice", "wonderland");
        assertThat(login.headers().firstValue("Location")).hasValue("/mfa");
        assertThat(browser.get("/portal").statusCode()).as("not signed in before the second factor").isEqualTo(303);
        assertThat(browser.get("/mfa").headers().firstValue("Location")).hasValue("/mfa/enroll");
        HttpResponse<String> enroll = browser.get("/mfa/enroll");
        assertThat(enroll.body()).contains("<svg id=\"totp-qr\"").contains("id=\"mfa-required\"");
        assertThat(enroll.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'sha256-").doesNotContain("unsafe-inline");
        Matcher script = Pattern.compile("(?s)<script>(.*?)</script>").matcher(enroll.body());
        assertThat(script.find()).isTrue();
        assertThat(enroll.headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the page's one script is the one its policy allows")
                .contains("'sha256-" + sha256(script.group(1)) + "'");
        assertThat(Browser.unescape(enroll.body())).contains("data-ceremony=\"create\"")
                .contains("\"rp\":{\"id\":\"127.0.0.1\"");
        alicesApp = Authenticator.scan(enroll.body());

        HttpResponse<String> wrong = browser.post("/mfa/enroll/totp", form("csrf", Browser.csrf(enroll.body()),
                "code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> done = browser.post("/mfa/enroll/totp", form("csrf", Browser.csrf(wrong.body()),
                "code", alicesApp.code(idp.clock.instant())));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        recoveryCodes = CODES.matcher(done.body()).results().map(m -> m.group(1)).toList();
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);
        assertThat(idp.auditLines("\"event\":\"mfa\"", "\"outcome\":\"enrolled\"", "\"factor\":\"totp\"")).hasSize(1);
    }

    /** Failures of one test are forgotten (15 minutes) before the next, and each test's codes are new. */
    @BeforeEach
    void later() {
        idp.clock.advance(Duration.ofMinutes(16));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void theSecretIsEncryptedAtRestUnderAKeyInTheDataDirectory() throws Exception {
        assertThat(Files.size(dataDir.resolve("keys/mfa-key"))).isEqualTo(32);
        try (var files = Files.list(dataDir.resolve("mfa"))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            String stored = new String(Files.readAllBytes(all.get(0)), StandardCharsets.ISO_8859_1);
            assertThat(stored).doesNotContain("alice").doesNotContain("secret").doesNotContain("totp");
        }
    }

    @Test
    void aCurrentCodeSignsInWithMfaAndTheAssertionSaysSo() {
        Browser browser = loginToSecondStep();
        idp.clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> ok = totp(browser, alicesApp.code(idp.clock.instant()));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/portal");

        String assertion = assertion(browser.get("/sso/aws?account=prod&role=Admin"));
        assertThat(assertion).contains("<saml2:AuthnContextClassRef>" + MFA_CLASS + "</saml2:AuthnContextClassRef>");
    }

    @Test
    void aCodeWorksOnceAndAnOlderOneNever() {
        idp.clock.advance(Duration.ofSeconds(60));
        String code = alicesApp.code(idp.clock.instant());
        assertThat(totp(loginToSecondStep(), code).statusCode()).isEqualTo(303);

        HttpResponse<String> replay = totp(loginToSecondStep(), code);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains(SecondFactorCheck.INVALID_CODE);
        HttpResponse<String> older = totp(loginToSecondStep(), alicesApp.code(idp.clock.instant().minusSeconds(30)));
        assertThat(older.statusCode()).as("the previous step, inside the window but before the used one")
                .isEqualTo(401);
    }

    @Test
    void codesTwoStepsAwayAreRefused() {
        idp.clock.advance(Duration.ofSeconds(120));
        Browser browser = loginToSecondStep();
        assertThat(totp(browser, alicesApp.code(idp.clock.instant().plusSeconds(60))).statusCode()).isEqualTo(401);
        assertThat(totp(browser, alicesApp.code(idp.clock.instant().minusSeconds(60))).statusCode()).isEqualTo(401);
        assertThat(totp(browser, alicesApp.code(idp.clock.instant().plusSeconds(30))).statusCode())
                .as("one step ahead: clock drift").isEqualTo(303);
        idp.clock.advance(Duration.ofSeconds(60));
    }

    @Test
    void wrongCodesAreThrottledLikePasswordsAndAudited() {
        idp.clock.advance(Duration.ofMinutes(20));
        Browser browser = loginToSecondStep();
        for (int i = 0; i < 3; i++) {
            assertThat(totp(browser, "123456").statusCode()).isIn(401);
        }
        HttpResponse<String> delayed = totp(browser, "123456");
        assertThat(delayed.statusCode()).isEqualTo(401);
        HttpResponse<String> throttled = totp(browser, alicesApp.code(idp.clock.instant()));
        assertThat(throttled.statusCode()).as("blocked before the code is even looked at").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.body()).contains("Too many attempts, try again in 1 seconds.");
        assertThat(idp.auditLines("\"event\":\"mfa\"", "\"outcome\":\"failed\"", "\"user\":\"alice\"")).isNotEmpty();
        assertThat(idp.auditLines("\"event\":\"mfa\"", "\"outcome\":\"throttled\"")).isNotEmpty();
        idp.clock.advance(Duration.ofMinutes(20));
        assertThat(totp(browser, alicesApp.code(idp.clock.instant())).statusCode()).isEqualTo(303);
    }

    @Test
    void aRecoveryCodeWorksOnce() {
        idp.clock.advance(Duration.ofMinutes(40));
        String code = recoveryCodes.get(3);
        Browser browser = loginToSecondStep();
        HttpResponse<String> ok = browser.post("/mfa/recovery", form("csrf", csrf(browser), "code",
                code.toUpperCase().replace("-", " ")));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);

        Browser again = loginToSecondStep();
        HttpResponse<String> reused = again.post("/mfa/recovery", form("csrf", csrf(again), "code", code));
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.body()).contains(SecondFactorCheck.INVALID_RECOVERY);
    }

    @Test
    void someoneOutsideTheGroupWithoutFactorsSignsInWithThePasswordAlone() {
        Browser bob = idp.browser();
        HttpResponse<String> login = bob.login("bob", "builder");
        assertThat(login.headers().firstValue("Location")).hasValue("/portal");
        String assertion = assertion(bob.get("/sso/aws"));
        assertThat(assertion).contains("urn:oasis:names:tc:SAML:2.0:ac:classes:Password<");
    }

    @Test
    void theSecondStepNeedsTheFormsCsrfToken() {
        Browser browser = loginToSecondStep();
        browser.get("/mfa");
        assertThat(browser.post("/mfa/totp", form("csrf", "forged", "code", "123456")).statusCode()).isEqualTo(403);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Browser loginToSecondStep() {
        Browser browser = idp.browser();
        assertThat(browser.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        return browser;
    }

    private static String csrf(Browser browser) {
        HttpResponse<String> page = browser.get("/mfa");
        assertThat(page.statusCode()).isEqualTo(200);
        return Browser.csrf(page.body());
    }

    private static HttpResponse<String> totp(Browser browser, String code) {
        return browser.post("/mfa/totp", form("csrf", csrf(browser), "code", code));
    }

    static String assertion(HttpResponse<String> postPage) {
        assertThat(postPage.statusCode()).as(postPage.body()).isEqualTo(200);
        return new String(Base64.getDecoder().decode(Browser.hidden(postPage.body(), "SAMLResponse").orElseThrow()),
                StandardCharsets.UTF_8);
    }

}
