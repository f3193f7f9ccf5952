package dev.stsbridge.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.LocalAws;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.TestIdp;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Proves the {@link Chromium} support the browser tests build on: the browser starts headless with exactly the
 * safety flags, loads pages from the verifier on 127.0.0.1, resolves no outside name, and posts a SAML form to the
 * verifier's console sign-in model the way the IdP's auto-posting page will.
 */
class ChromiumSmokeTest {

    @TempDir
    static Path work;

    private static LocalAws aws;
    private static Chromium chromium;

    @BeforeAll
    static void start() {
        aws = LocalAws.start(work.resolve("verifier"), Clock.systemUTC());
        chromium = Chromium.start(work);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    private static ChromeDriver browser() {
        return chromium.driver();
    }

    @Test
    void theBrowserRunsWithExactlyTheSafetyFlags() {
        Path profile = Path.of("/tmp/profile");
        assertThat(Chromium.arguments(profile)).containsExactly("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=/tmp/profile",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");

        browser().get("chrome://version");
        String commandLine = browser().findElement(By.id("command_line")).getText();
        assertThat(commandLine).contains("--headless", "--no-sandbox", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + work,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
    }

    @Test
    void theBrowserShowsTheVerifiersConsoleErrorPage() {
        browser().get(aws.endpoint() + "/console");

        assertThat(browser().getTitle()).isEqualTo("Sign in failed");
        assertThat(browser().findElement(By.id("error")).getText())
                .isEqualTo("Your request included an invalid SAML response. To logout, click here.");
        assertThat(browser().findElement(By.id("detail")).getText())
                .contains("Your console session has expired or does not exist; sign in again");
    }

    @Test
    void outsideNamesDoNotResolveButLocalhostDoes() {
        String outside = "http://stsbridge-verifier.invalid:" + aws.app().port() + "/console";
        assertThatThrownBy(() -> browser().get(outside)).isInstanceOf(WebDriverException.class)
                .hasMessageContaining("net::ERR_NAME_NOT_RESOLVED");

        browser().get("http://localhost:" + aws.app().port() + "/console");
        assertThat(browser().getTitle()).isEqualTo("Sign in failed");
    }

    @Test
    void aSamlFormPostedByTheBrowserLandsOnTheConsolePageAsAlice() throws Exception {
        String samlResponse;
        try (TestIdp idp = TestIdp.demo(work.resolve("idp"), Clock.fixed(Instant.now(), ZoneOffset.UTC));
             IamClient iam = aws.prodIam()) {
            String provider = iam.createSAMLProvider(r -> r.name("stsbridge")
                    .samlMetadataDocument(idp.signedMetadataText())).samlProviderArn();
            iam.createRole(r -> r.roleName("Admin").assumeRolePolicyDocument(LocalAws.samlTrustPolicy(provider)));
            samlResponse = idp.respond("alice", RoleChoice.one("prod", "Admin")).form().samlResponse();
        }

        browser().get(postingPage(aws.endpoint() + "/saml", samlResponse));
        browser().findElement(By.id("post")).click();

        // The click starts a navigation; wait for the page it leads to rather than reading the old one.
        new WebDriverWait(browser(), Duration.ofSeconds(20)).until(ExpectedConditions.titleIs("AWS Management Console"));
        assertThat(browser().getTitle()).isEqualTo("AWS Management Console");
        assertThat(browser().findElement(By.id("assumed-role-arn")).getText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com");
        assertThat(browser().findElement(By.id("source-identity")).getText()).isEqualTo("alice");
        List<String> tags = browser().findElements(By.cssSelector("#session-tags tr")).stream()
                .map(row -> row.getText()).toList();
        assertThat(tags).contains("department engineering yes", "team platform no");
        Path screenshot = chromium.screenshot(Repository.root().resolve("tests/target/screenshots/smoke-console.png"));
        assertThat(Files.readAllBytes(screenshot)).startsWith(0x89, 'P', 'N', 'G');
    }

    /** A page (as a data: URL, no server needed) with the HTTP-POST binding's form, like the IdP's. */
    private static String postingPage(String action, String samlResponse) {
        String html = "<!DOCTYPE html><html><body><form method=\"post\" action=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + samlResponse + "\">"
                + "<button id=\"post\" type=\"submit\">Continue</button></form></body></html>";
        return "data:text/html;base64," + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
    }
}
