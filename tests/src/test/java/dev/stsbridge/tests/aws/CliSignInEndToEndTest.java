package dev.stsbridge.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.SlapdServer;
import dev.stsbridge.tests.support.AwsCli;
import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.Processes;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.RequiredTool;
import dev.stsbridge.tests.support.RunningDemo;
import dev.stsbridge.tests.support.SignInBrowser;
import dev.stsbridge.tests.support.TestIdp;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Command-line sign-in with real clients only: Debian's slapd holds the demo people, the IdP and the AWS model run as
 * the demo does, and the packaged {@code stsbridge} command signs in over ECP ({@code login}); then Debian's AWS CLI
 * uses the written profile and a {@code credential_process} profile, the AWS SDK for Java's
 * {@link ProcessCredentialsProvider} runs {@code stsbridge credentials}, and Chromium opens the URL of
 * {@code stsbridge console}. Every client must see alice's assumed role.
 */
class CliSignInEndToEndTest {

    private static final String PASSWORD_VARIABLE = "STSBRIDGE_TEST_LDAP_PASSWORD";
    private static final String ALICE_ADMIN = "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com";

    @TempDir
    static Path work;

    private static SlapdServer slapd;
    private static RunningDemo demo;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        RequiredTool.require("slapd");
        RequiredTool.require("slapadd");
        slapd = SlapdServer.builder().ldifResource("dev/stsbridge/idp/demo/demo.ldif").suffix("dc=example,dc=com")
                .anonymousRead(false).start();
        demo = RunningDemo.start(work.resolve("data"), ldapConfig(), Map.of(PASSWORD_VARIABLE,
                new String(slapd.rootPassword())));
        aws = AwsCli.against(demo.awsEndpoint(), work).anonymous();
        Processes.Result login = stsbridge("wonderland", "login", "--idp", demo.demo().idpUrl().toString(),
                "--user", "alice", "--account", "prod", "--role", "Admin", "--profile", "demo",
                "--sts-endpoint", demo.awsEndpoint().toString());
        assertThat(login.exitCode()).as(login.toString()).isZero();
    }

    private static StsbridgeConfig ldapConfig() {
        String embedded = """
                  embedded:
                    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
                """;
        return StsbridgeConfig.parse(TestIdp.demoYaml().replace(embedded, """
                  ldap:
                    urls: [%s]
                    bind-dn: %s
                    bind-password: {env: %s}
                """.formatted(slapd.url(), slapd.rootDn(), PASSWORD_VARIABLE)), "stsbridge.yaml", work);
    }

    @AfterAll
    static void stop() {
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

    /** The packaged command with the CLI's HOME (so ~/.aws and ~/.stsbridge are the test's), no AWS_* variables. */
    private static Processes.Result stsbridge(String password, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Repository.java().toString(), "-jar",
                Repository.stsbridgeJar().toString()));
        command.addAll(List.of(arguments));
        Processes.Builder builder = Processes.command(command).timeout(Duration.ofMinutes(2))
                .removeEnvironment(name -> name.startsWith("AWS_") || name.startsWith("STSBRIDGE_"))
                .environment("HOME", aws.home().toString())
                .environment("AWS_EC2_METADATA_DISABLED", "true");
        if (password != null) {
            builder.environment("STSBRIDGE_PASSWORD", password);
        }
        return builder.run();
    }

    private static List<String> credentialsCommand() {
        return List.of("/usr/bin/env", "HOME=" + aws.home(), Repository.java().toString(), "-jar",
                Repository.stsbridgeJar().toString(), "credentials", "--profile", "demo");
    }

    @Test
    void theAwsCliUsesTheProfileThatLoginWrote() {
        AwsCli.Run identity = aws.run("sts", "get-caller-identity", "--profile", "demo");
        assertThat(identity.exitCode()).as(identity.toString()).isZero();
        assertThat(identity.json().get("Arn").asText()).isEqualTo(ALICE_ADMIN);
        assertThat(identity.json().get("Account").asText()).isEqualTo("111122223333");
    }

    @Test
    void theAwsCliRunsStsbridgeCredentialsAsCredentialProcess() throws Exception {
        Path config = aws.home().resolve(".aws/config");
        Files.writeString(config, Files.readString(config) + "\n[profile demo-process]\ncredential_process = "
                + String.join(" ", credentialsCommand()) + "\nregion = us-east-1\n");
        AwsCli.Run identity = aws.run("sts", "get-caller-identity", "--profile", "demo-process");
        assertThat(identity.exitCode()).as(identity.toString()).isZero();
        assertThat(identity.json().get("Arn").asText()).isEqualTo(ALICE_ADMIN);
    }

    @Test
    void theSdksProcessCredentialsProviderGetsAlicesSession() {
        try (ProcessCredentialsProvider provider = ProcessCredentialsProvider.builder()
                .command(credentialsCommand()).build();
             StsClient sts = StsClient.builder().endpointOverride(demo.awsEndpoint()).region(Region.US_EAST_1)
                     .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(provider).build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(ALICE_ADMIN);
        }
    }

    @Test
    void theConsoleUrlOpensAlicesConsoleSessionInChromium() {
        Processes.Result console = stsbridge(null, "console", "--profile", "demo");
        assertThat(console.exitCode()).as(console.toString()).isZero();
        String url = console.stdout().strip();
        assertThat(url).startsWith(demo.awsEndpoint() + "/federation?Action=login&");
        try (Chromium chromium = Chromium.start(work)) {
            chromium.driver().get(url);
            SignInBrowser.ConsolePage page = new SignInBrowser(chromium.driver(), demo).console();
            assertThat(page.assumedRoleArn()).isEqualTo(ALICE_ADMIN);
            assertThat(page.tags()).containsEntry("team", "platform");
        }
    }

    @Test
    void aWrongPasswordIsRefusedBySlapdAndNoProfileIsWritten() throws Exception {
        Processes.Result login = stsbridge("builder", "login", "--idp", demo.demo().idpUrl().toString(),
                "--user", "alice", "--account", "prod", "--role", "Admin", "--profile", "wrong",
                "--sts-endpoint", demo.awsEndpoint().toString());
        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.stderr()).contains("stsbridge: Invalid username or password.");
        assertThat(Files.readString(aws.home().resolve(".aws/credentials"))).doesNotContain("[wrong]");
    }
}
