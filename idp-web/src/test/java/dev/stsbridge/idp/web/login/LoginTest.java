package dev.stsbridge.idp.web.login;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;

/** Login and logout against the real server and the embedded demo directory. */
class LoginTest {

    @TempDir
    static Path dataDir;
    private static TestIdp idp;

    @BeforeAll
    static void start() {
        idp = TestIdp.start(dataDir);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void loginWithRightPasswordRedirectsToPortalAndSetsAStrictSessionCookie() {
        Browser browser = idp.browser();
        String csrf = Browser.csrf(browser.get("/login").body());
        HttpResponse<String> response = browser.post("/login", form("username", "alice", "password", "wonderland",
                "csrf", csrf));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/portal");
        String cookie = response.headers().allValues("Set-Cookie").get(0);
        assertThat(cookie).startsWith("stsbridge_session=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/").doesNotContain("Secure");
        assertThat(browser.cookie("stsbridge_session").orElseThrow()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(idp.auditLines("\"event\":\"login\"", "\"outcome\":\"ok\"", "\"user\":\"alice\"")).isNotEmpty();
    }

    @Test
    void loginWithWrongPasswordAndUnknownUserGiveTheSameMessage() {
        HttpResponse<String> wrong = idp.browser().login("bob", "wrong-password");
        HttpResponse<String> unknown = idp.browser().login("nobody-at-all", "wrong-password");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("<p id=\"login-error\" class=\"error\" role=\"alert\">Invalid username or "
                + "password.</p>");
        assertThat(unknown.body()).contains("Invalid username or password.");
        assertThat(idp.auditLines("\"outcome\":\"failed\"", "\"user\":\"bob\"")).isNotEmpty();
        assertThat(String.join("\n", idp.audit)).doesNotContain("wrong-password");
    }

    @Test
    void loginWithoutTheFormsCsrfTokenIsRefused() {
        Browser browser = idp.browser();
        browser.get("/login");
        HttpResponse<String> response = browser.post("/login", form("username", "alice", "password", "wonderland",
                "csrf", "forged"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains(LoginEndpoints.FORM_EXPIRED);
        assertThat(browser.get("/portal").statusCode()).isEqualTo(303);
    }

    @Test
    void loginGivesANewSessionIdSoThatAPlantedOneIsWorthless() {
        Browser browser = idp.browser();
        browser.get("/login");
        String before = browser.cookie("stsbridge_session").orElseThrow();
        browser.signedIn("alice", "wonderland");
        String after = browser.cookie("stsbridge_session").orElseThrow();

        assertThat(after).isNotEqualTo(before);
        Browser attacker = idp.browser();
        attacker.setCookie("stsbridge_session", before);
        assertThat(attacker.get("/portal").statusCode()).as("the pre-login ID after login").isEqualTo(303);
    }

    @Test
    void repeatedFailuresAreThrottledWithoutAskingTheDirectoryThenLockedAndTheLockIsAudited() {
        Browser browser = idp.browser();
        String user = "throttled-user";
        for (int i = 0; i < 4; i++) {
            assertThat(browser.login(user, "bad").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = browser.login(user, "bad");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.body()).contains("Too many attempts, try again in 1 seconds.");
        assertThat(idp.auditLines("\"outcome\":\"throttled\"", user)).hasSize(1);

        for (int failures = 5; failures <= 10; failures++) {
            idp.clock.advance(Duration.ofSeconds(61));
            browser.login(user, "bad");
        }
        assertThat(idp.auditLines("\"outcome\":\"locked\"", user, "locked_until")).hasSize(1);
        idp.clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> locked = browser.login(user, "bad");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many attempts, try again in 839 seconds.");
        idp.clock.advance(Duration.ofMinutes(15));
    }

    @Test
    void nextParameterRedirectsOnlyToLocalPaths() {
        Browser browser = idp.browser();
        String csrf = Browser.csrf(browser.get("/login?next=/explain").body());
        HttpResponse<String> local = browser.post("/login", form("username", "alice", "password", "wonderland",
                "csrf", csrf, "next", "/explain"));
        assertThat(local.headers().firstValue("Location")).hasValue("/explain");

        for (String evil : List.of("https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com")) {
            Browser other = idp.browser();
            String token = Browser.csrf(other.get("/login").body());
            HttpResponse<String> response = other.post("/login", form("username", "alice", "password",
                    "wonderland", "csrf", token, "next", evil));
            assertThat(response.headers().firstValue("Location")).as(evil)
                    .hasValue("/portal");
        }
    }

    @Test
    void sessionsExpireAfterTheIdleTimeout() {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        idp.clock.advance(Duration.ofMinutes(29));
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);
        idp.clock.advance(Duration.ofMinutes(30));
        HttpResponse<String> expired = browser.get("/portal");
        assertThat(expired.statusCode()).isEqualTo(303);
        assertThat(expired.headers().firstValue("Location").orElseThrow()).contains("/login?next=%2Fportal");
    }

    @Test
    void sessionsExpireAfterTheAbsoluteTimeoutEvenWhenBusy() {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        for (int i = 0; i < 16; i++) {
            idp.clock.advance(Duration.ofMinutes(29));
            assertThat(browser.get("/portal").statusCode()).as("after " + (i + 1) * 29 + " min").isEqualTo(200);
        }
        idp.clock.advance(Duration.ofMinutes(29)); // 8 h 13 min after the login
        assertThat(browser.get("/portal").statusCode()).isEqualTo(303);
    }

    @Test
    void logoutNeedsAPostWithTheCsrfTokenAndEndsTheSession() {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        HttpResponse<String> confirm = browser.get("/logout");
        assertThat(confirm.body()).contains("id=\"logout-confirm\"");
        assertThat(browser.get("/portal").statusCode()).as("GET /logout does not sign out").isEqualTo(200);

        HttpResponse<String> forged = browser.post("/logout", form("csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains(LoginEndpoints.FORM_EXPIRED);

        HttpResponse<String> done = browser.post("/logout", form("csrf", Browser.csrf(confirm.body())));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("<p id=\"signed-out\">You are signed out.</p>");
        assertThat(browser.get("/portal").statusCode()).isEqualTo(303);
    }

    @Test
    void aUsernameWithMarkupIsShownEscaped() {
        HttpResponse<String> response = idp.browser().login("<script>alert(1)</script>", "x");
        assertThat(response.body()).doesNotContain("<script>alert(1)</script>")
                .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }
}
