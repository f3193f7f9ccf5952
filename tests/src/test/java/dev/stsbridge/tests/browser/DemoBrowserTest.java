package dev.stsbridge.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.RunningDemo;
import dev.stsbridge.tests.support.SignInBrowser;
import dev.stsbridge.tests.support.SignInBrowser.ConsolePage;
import dev.stsbridge.tests.support.SignInBrowser.PortalAccount;

/**
 * The demo in a real browser (Debian's headless Chromium): from the IdP's login page through the portal and the
 * auto-posted SAML form to the AWS model's console page, for each demo user; AWS's role picker; a wrong password; a
 * console deep link (RelayState). The demo runs in process as {@code stsbridge demo} assembles it, on free ports.
 */
class DemoBrowserTest {

    static final String ALICE_ADMIN = "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com";
    static final Path SCREENSHOT = Repository.root().resolve("tests/target/screenshots/console-alice.png");

    @TempDir
    static Path work;

    private static RunningDemo demo;
    private static Chromium chromium;
    private SignInBrowser person;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(work.resolve("data"));
        chromium = Chromium.start(work);
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    @BeforeEach
    void newPerson() {
        person = new SignInBrowser(chromium.driver(), demo);
        person.forgetSession();
    }

    @Test
    void aliceSeesBothAccountsClicksProdAdminAndLandsOnTheConsoleWithHerRoleTagsAndSourceIdentity() throws Exception {
        person.logIn("alice", "wonderland");

        assertThat(person.portal()).containsExactly(
                new PortalAccount("111122223333", "prod", List.of("Admin")),
                new PortalAccount("444455556666", "dev", List.of("Developer")));
        person.clickRole("111122223333", "Admin");

        ConsolePage console = person.console();
        assertThat(console.assumedRoleArn()).isEqualTo(ALICE_ADMIN);
        assertThat(console.account()).isEqualTo("prod (111122223333)");
        assertThat(console.sourceIdentity()).isEqualTo("alice");
        assertThat(console.tags()).containsExactly(Map.entry("department", "engineering"), Map.entry("team", "platform"));
        assertThat(console.transitive()).containsExactly(Map.entry("department", "yes"), Map.entry("team", "no"));
        assertThat(console.relayState()).isEqualTo("(none: the console home page)");
        chromium.screenshot(SCREENSHOT);
        assertThat(Files.readAllBytes(SCREENSHOT)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void allRolesShowsAwsRolePickerAndDeveloperInDevLandsOnItsConsolePage() {
        person.logIn("alice", "wonderland");
        person.portal();
        person.clickAllRoles();

        assertThat(person.rolePicker()).containsExactly(
                Map.entry("prod (111122223333)", List.of("arn:aws:iam::111122223333:role/Admin")),
                Map.entry("dev (444455556666)", List.of("arn:aws:iam::444455556666:role/Developer")));
        assertThat(chromium.driver().findElement(By.className("saml-accounts-header")).getText())
                .isEqualTo("Select a role:");
        person.chooseRole("arn:aws:iam::444455556666:role/Developer");

        ConsolePage console = person.console();
        assertThat(console.assumedRoleArn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/Developer/alice@example.com");
        assertThat(console.account()).isEqualTo("dev (444455556666)");
        assertThat(console.tags()).containsEntry("department", "engineering").containsEntry("team", "platform");
    }

    @Test
    void aliceChecksAccessByTagsOnTheExplainPage() {
        person.logIn("alice", "wonderland");
        person.portal();

        SignInBrowser.AccessAnswer allowed = person.checkAccess("111122223333 Admin", "s3:GetObject",
                "arn:aws:s3:::reports/q3.csv", "team=platform");
        assertThat(allowed.decision()).isEqualTo("allowed");
        assertThat(allowed.principal()).isEqualTo(ALICE_ADMIN + " (principal tags department=engineering, team=platform)");
        assertThat(allowed.statements()).containsExactly(
                "statement \"TeamResources\" of policy abac-team-access (IAM Policy), lines 4-21");

        SignInBrowser.AccessAnswer denied = person.checkAccess("444455556666 Developer", "s3:GetObject",
                "arn:aws:s3:::payments/q3.csv", "team=payments");
        assertThat(denied.decision()).isEqualTo("implicitDeny");
        assertThat(denied.statements()).isEmpty();
    }

    @Test
    void bobsOneRoleLinkGoesStraightToTheConsole() {
        person.logIn("bob", "builder");

        assertThat(person.portal()).containsExactly(new PortalAccount("444455556666", "dev", List.of("ReadOnly")));
        person.clickRole("444455556666", "ReadOnly");

        assertThat(person.console().assumedRoleArn())
                .isEqualTo("arn:aws:sts::444455556666:assumed-role/ReadOnly/bob@example.com");
    }

    @Test
    void bobsAllRolesSkipsThePickerBecauseHeHasOneRole() {
        person.logIn("bob", "builder");
        person.portal();
        person.clickAllRoles();

        ConsolePage console = person.console();
        assertThat(console.assumedRoleArn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/ReadOnly/bob@example.com");
        assertThat(console.sourceIdentity()).isEqualTo("bob");
        assertThat(chromium.driver().findElements(By.id("saml_form"))).isEmpty();
    }

    @Test
    void carolSeesThatSheHasNoAwsRoles() {
        person.logIn("carol", "chocolate");

        assertThat(person.portal()).isEmpty();
        assertThat(person.noRolesNotice()).contains("no AWS roles");
        assertThat(chromium.driver().findElements(By.cssSelector("a.role-link, a#all-roles"))).isEmpty();
    }

    @Test
    void aWrongPasswordShowsTheErrorAndSignsNobodyIn() {
        person.logIn("alice", "chocolate");

        assertThat(person.loginError()).isEqualTo("Invalid username or password.");
        assertThat(person.path()).isEqualTo("/login");
        chromium.driver().get(demo.idp("/portal").toString());
        assertThat(person.path()).isEqualTo("/login");
    }

    @Test
    void aRelayStateDeepLinkGoesThroughTheLoginAndArrivesOnTheConsoleShowingTheDestination() {
        chromium.driver().get(demo.idp("/sso/aws?account=prod&role=Admin&RelayState=https://console.aws.amazon.com/s3/")
                .toString());
        person.submitLogin("alice", "wonderland");

        ConsolePage console = person.console();
        assertThat(console.assumedRoleArn()).isEqualTo(ALICE_ADMIN);
        assertThat(console.relayState()).isEqualTo("https://console.aws.amazon.com/s3/");
    }
}
