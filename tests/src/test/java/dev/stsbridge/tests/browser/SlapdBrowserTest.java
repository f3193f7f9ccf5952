package dev.stsbridge.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.SlapdServer;
import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.RequiredTool;
import dev.stsbridge.tests.support.RunningDemo;
import dev.stsbridge.tests.support.SignInBrowser;
import dev.stsbridge.tests.support.SignInBrowser.ConsolePage;
import dev.stsbridge.tests.support.SignInBrowser.PortalAccount;
import dev.stsbridge.tests.support.TestIdp;

/**
 * The browser flow against a real directory: Debian's slapd (idp-core's {@link SlapdServer}) loaded with the demo
 * LDIF, the demo configuration's {@code directory} switched from the embedded server to {@code ldap:} with a service
 * account, and alice signing in with her password through the browser to the AWS model's console page. Proves the
 * LDAP path end to end, not only the embedded directory.
 */
class SlapdBrowserTest {

    private static final String PASSWORD_VARIABLE = "STSBRIDGE_TEST_LDAP_PASSWORD";

    @TempDir
    static Path work;

    private static SlapdServer slapd;
    private static RunningDemo demo;
    private static Chromium chromium;

    @BeforeAll
    static void start() {
        RequiredTool.require("slapd");
        RequiredTool.require("slapadd");
        slapd = SlapdServer.builder().ldifResource("dev/stsbridge/idp/demo/demo.ldif").suffix("dc=example,dc=com")
                .anonymousRead(false).start();
        demo = RunningDemo.start(work.resolve("data"), ldapConfig(), Map.of(PASSWORD_VARIABLE,
                new String(slapd.rootPassword())));
        chromium = Chromium.start(work);
    }

    /** The demo configuration, its directory pointed at slapd with a bind account (anonymous reads are off). */
    private static StsbridgeConfig ldapConfig() {
        String embedded = """
                  embedded:
                    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
                """;
        String yaml = TestIdp.demoYaml();
        assertThat(yaml).contains(embedded);
        return StsbridgeConfig.parse(yaml.replace(embedded, """
                  ldap:
                    urls: [%s]
                    bind-dn: %s
                    bind-password: {env: %s}
                """.formatted(slapd.url(), slapd.rootDn(), PASSWORD_VARIABLE)), "stsbridge.yaml", work);
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            try {
                if (demo != null) {
                    demo.close();
                }
            } finally {
                if (slapd != null) {
                    slapd.close();
                }
            }
        }
    }

    @Test
    void theIdpReadsItsDirectoryFromSlapd() {
        assertThat(demo.demo().config().directory().embedded()).isEmpty();
        assertThat(demo.demo().config().directory().ldap().orElseThrow().urls()).containsExactly(slapd.url());
    }

    @Test
    void aliceLogsInAgainstSlapdAndLandsOnTheConsoleWithHerRoleAndTags() {
        SignInBrowser alice = new SignInBrowser(chromium.driver(), demo);
        alice.forgetSession();
        alice.logIn("alice", "wonderland");

        assertThat(alice.portal()).containsExactly(
                new PortalAccount("111122223333", "prod", List.of("Admin")),
                new PortalAccount("444455556666", "dev", List.of("Developer")));
        alice.clickRole("111122223333", "Admin");

        ConsolePage console = alice.console();
        assertThat(console.assumedRoleArn()).isEqualTo(DemoBrowserTest.ALICE_ADMIN);
        assertThat(console.sourceIdentity()).isEqualTo("alice");
        assertThat(console.tags()).containsExactly(Map.entry("department", "engineering"), Map.entry("team", "platform"));
    }

    @Test
    void aWrongPasswordIsRefusedBySlapdAndShownOnTheLoginPage() {
        SignInBrowser alice = new SignInBrowser(chromium.driver(), demo);
        alice.forgetSession();
        alice.logIn("alice", "builder");

        assertThat(alice.loginError()).isEqualTo("Invalid username or password.");
    }
}
