package dev.stsbridge.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import dev.stsbridge.idp.web.IdpServer;
import dev.stsbridge.idp.web.ServerSettings;
import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.TestIdp;

/**
 * Passkeys in a real browser: headless Chromium with a virtual WebAuthn authenticator (Selenium's
 * {@link VirtualAuthenticator}: an internal platform authenticator with user verification) registers a passkey on
 * {@code /mfa/enroll}, and the next sign-in of the same person asks for it on {@code /mfa} and succeeds with it. The
 * IdP runs at {@code http://localhost:<port>}: WebAuthn accepts no IP address as relying party ID, and localhost is
 * a secure context.
 */
class PasskeyBrowserTest {

    @TempDir
    static Path work;

    private static TestIdp idp;
    private static IdpServer server;
    private static Chromium chromium;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        String yaml = TestIdp.demoYaml().replace("http://127.0.0.1:8080", base);
        assertThat(yaml).contains("base-url: " + base);
        idp = TestIdp.fromYaml(yaml, work.resolve("data"), Clock.systemUTC());
        server = IdpServer.start(idp.app(), ServerSettings.loopback(port));
        chromium = Chromium.start(work);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    private static ChromeDriver browser() {
        return chromium.driver();
    }

    private static void logIn(String username, String password) {
        browser().get(base + "/login");
        browser().findElement(By.name("username")).sendKeys(username);
        browser().findElement(By.name("password")).sendKeys(password);
        browser().findElement(By.id("login-submit")).click();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser(), Duration.ofSeconds(30));
    }

    @Test
    void aPasskeyIsRegisteredAndThenSignsInAsTheSecondFactor() {
        VirtualAuthenticator authenticator = browser().addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));
        try {
            logIn("alice", "wonderland");
            waiting().until(d -> d.getCurrentUrl().startsWith(base + "/portal"));

            browser().get(base + "/mfa/enroll");
            browser().findElement(By.id("passkey-button")).click();
            waiting().until(d -> !d.findElements(By.id("mfa-enrolled")).isEmpty()
                    || !d.findElements(By.id("mfa-error")).isEmpty());
            assertThat(browser().findElements(By.id("mfa-error"))).as(browser().getPageSource()).isEmpty();
            assertThat(browser().findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
            List<Credential> credentials = authenticator.getCredentials();
            assertThat(credentials).hasSize(1);
            assertThat(credentials.get(0).getRpId()).isEqualTo("localhost");

            browser().manage().deleteAllCookies();
            logIn("alice", "wonderland");
            waiting().until(d -> d.getCurrentUrl().startsWith(base + "/mfa"));
            browser().findElement(By.id("passkey-button")).click();
            waiting().until(d -> d.getCurrentUrl().startsWith(base + "/portal")
                    || !d.findElements(By.id("mfa-error")).isEmpty());
            assertThat(browser().getCurrentUrl()).as(browser().getPageSource()).startsWith(base + "/portal");
            assertThat(authenticator.getCredentials().get(0).getSignCount()).isGreaterThan(0);
        } finally {
            browser().removeVirtualAuthenticator(authenticator);
        }
    }

    @Test
    void withoutThePasskeyTheSecondStepDoesNotLetYouIn() {
        // bob enrolls a passkey on one authenticator, then signs in from a browser whose authenticator has none
        VirtualAuthenticatorOptions options = new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true);
        VirtualAuthenticator first = browser().addVirtualAuthenticator(options);
        try {
            browser().manage().deleteAllCookies();
            logIn("bob", "builder");
            waiting().until(d -> !d.getCurrentUrl().startsWith(base + "/login"));
            browser().get(base + "/mfa/enroll");
            browser().findElement(By.id("passkey-button")).click();
            waiting().until(d -> !d.findElements(By.id("mfa-enrolled")).isEmpty());
            assertThat(first.getCredentials()).hasSize(1);
        } finally {
            browser().removeVirtualAuthenticator(first);
        }
        VirtualAuthenticator empty = browser().addVirtualAuthenticator(options);
        try {
            browser().manage().deleteAllCookies();
            logIn("bob", "builder");
            waiting().until(d -> d.getCurrentUrl().startsWith(base + "/mfa"));
            browser().findElement(By.id("passkey-button")).click();
            waiting().until(d -> !d.findElement(By.id("passkey-status")).getText().isBlank()
                    || !d.getCurrentUrl().startsWith(base + "/mfa"));
            assertThat(browser().getCurrentUrl()).startsWith(base + "/mfa");
            browser().get(base + "/portal");
            assertThat(browser().getCurrentUrl()).doesNotStartWith(base + "/portal");
        } finally {
            browser().removeVirtualAuthenticator(empty);
        }
    }
}
