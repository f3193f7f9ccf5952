package dev.stsbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.app.demo.Demo;
import dev.stsbridge.app.demo.DemoSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code stsbridge abac} against a running demo: the demo's ABAC policies through STS and the policy simulator, as a
 * user runs it (the verifier's policy engine and simulator decide; nothing here is mocked).
 */
class AbacCommandTest {

    private static final String ALICE = "alice as arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com "
            + "(principal tags department=engineering, team=platform)";

    @TempDir
    static Path dataDir;

    private static Demo demo;

    @BeforeAll
    static void startDemo() {
        CommandRun keys = CommandRun.run("keys", "generate", "--algorithm", "rsa-2048", "--data-dir",
                dataDir.toString());
        assertThat(keys.exitCode()).as(keys.toString()).isZero();
        demo = Demo.start(DemoSettings.defaults(dataDir).withPorts(0, 0));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    private static CommandRun abac(String user, String account, String role, String... more) {
        List<String> args = new ArrayList<>(List.of("abac", "--demo", "--data-dir", dataDir.toString(),
                "--base-url", demo.idpUrl().toString(), "--aws-endpoint", demo.awsEndpoint().toString(),
                "--user", user, "--account", account, "--role", role));
        args.addAll(List.of(more));
        return CommandRun.run(Clock.systemUTC(), Map.of(), args.toArray(String[]::new));
    }

    @Test
    void aliceMayGetAnObjectOfHerTeamByStatementTeamResources() {
        CommandRun run = abac("alice", "prod", "Admin", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::reports/q3.csv", "--resource-tag", "team=platform");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith(ALICE + "\n"
                + "s3:GetObject on arn:aws:s3:::reports/q3.csv (resource tags team=platform): allowed\n"
                + "  by statement \"TeamResources\" of policy abac-team-access (IAM Policy), lines ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anotherTeamsObjectIsAnImplicitDenyListingTheEvaluatedPolicies() {
        CommandRun run = abac("alice", "prod", "Admin", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::payments/q3.csv", "--resource-tag", "team=payments");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.out()).isEqualTo(ALICE + "\n"
                + "s3:GetObject on arn:aws:s3:::payments/q3.csv (resource tags team=payments): implicitDeny: "
                + "no statement allows s3:GetObject on arn:aws:s3:::payments/q3.csv\n"
                + "  evaluated: abac-team-access (managed)\n");
    }

    @Test
    void anUntaggedResourceIsDeniedAndTheMissingResourceTagIsNamed() {
        CommandRun run = abac("alice", "prod", "Admin", "--action", "s3:GetObject", "--resource",
                "arn:aws:s3:::reports/q3.csv", "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.out()).contains("\"decision\" : \"implicitDeny\"", "\"missingContextValues\" : [ \"aws:ResourceTag/team\" ]");
    }

    @Test
    void changingTheTeamTagIsAnExplicitDenyByStatementDenyTeamTagChanges() {
        CommandRun run = abac("alice", "prod", "Admin", "--action", "ec2:DeleteTags",
                "--resource", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
                "--resource-tag", "team=platform", "--context", "aws:TagKeys=team:stringList");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.out()).contains("ec2:DeleteTags on arn:aws:ec2:us-east-1:111122223333:instance/"
                + "i-0123456789abcdef0 (resource tags team=platform): explicitDeny\n"
                + "  by statement \"DenyTeamTagChanges\" of policy abac-team-access (IAM Policy), lines ");
    }

    @Test
    void otherTagsOfHerTeamsInstanceMayChange() {
        CommandRun run = abac("alice", "prod", "Admin", "--action", "ec2:DeleteTags",
                "--resource", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
                "--resource-tag", "team=platform", "--context", "aws:TagKeys=Name,owner:stringList");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(": allowed\n  by statement \"TeamResources\"");
    }

    @Test
    void bobReadsHisDepartmentsObjectsButMayNotWriteThem() {
        CommandRun read = abac("bob", "dev", "ReadOnly", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::ops-runbooks/restart.md", "--resource-tag", "department=operations");
        assertThat(read.exitCode()).as(read.toString()).isEqualTo(ExitCodes.OK);
        assertThat(read.out()).startsWith("bob as arn:aws:sts::444455556666:assumed-role/ReadOnly/bob@example.com "
                + "(principal tags department=operations)\n").contains(
                "  by statement \"DepartmentReadOnly\" of policy abac-department-read (IAM Policy), lines ");
        CommandRun write = abac("bob", "dev", "ReadOnly", "--action", "s3:PutObject",
                "--resource", "arn:aws:s3:::ops-runbooks/restart.md", "--resource-tag", "department=operations");
        assertThat(write.exitCode()).as(write.toString()).isEqualTo(ExitCodes.DENIED);
        assertThat(write.out()).contains("implicitDeny: no statement allows s3:PutObject",
                "evaluated: abac-department-read (managed)");
    }

    @Test
    void theJsonFormatCarriesTheDecisionAndTheMatchedStatements() {
        CommandRun run = abac("alice", "dev", "Developer", "--action", "secretsmanager:GetSecretValue",
                "--resource", "arn:aws:secretsmanager:us-east-1:444455556666:secret:platform-db-AbCdEf",
                "--resource-tag", "team=platform", "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("\"decision\" : \"allowed\"", "\"sid\" : \"TeamResources\"",
                "\"sourcePolicyType\" : \"IAM Policy\"", "\"principalTags\" : {", "\"team\" : \"platform\"",
                "\"missingContextValues\" : [ ]");
    }

    @Test
    void carolHasNoRoleAndIsRefusedBeforeAnythingIsAsked() {
        CommandRun run = abac("carol", "prod", "Admin", "--action", "s3:GetObject", "--resource",
                "arn:aws:s3:::reports/q3.csv");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("stsbridge: carol may not use arn:aws:iam::111122223333:role/Admin\n");
    }

    @Test
    void aTrustPolicyThatRefusesHerTagsStopsAtAssumeRoleWithSamlWithAwsError() {
        String provider = "arn:aws:iam::444455556666:saml-provider/stsbridge";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Federated\":\"" + provider + "\"},\"Action\":[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\","
                + "\"sts:SetSourceIdentity\"],\"Condition\":{\"StringEquals\":{\"SAML:aud\":"
                + "\"https://signin.aws.amazon.com/saml\"%s}}}]}";
        try (IamClient dev = IamClient.builder().endpointOverride(demo.awsEndpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            dev.updateAssumeRolePolicy(r -> r.roleName("Developer")
                    .policyDocument(trust.formatted(",\"aws:RequestTag/department\":\"finance\"")));
            try {
                CommandRun run = abac("alice", "dev", "Developer", "--action", "s3:GetObject", "--resource",
                        "arn:aws:s3:::reports/q3.csv", "--resource-tag", "team=platform");
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
                assertThat(run.out()).isEmpty();
                assertThat(run.err()).isEqualTo("stsbridge: AssumeRoleWithSAML refused "
                        + "arn:aws:iam::444455556666:role/Developer: AccessDenied: Not authorized to perform "
                        + "sts:AssumeRoleWithSAML\n");
            } finally {
                dev.updateAssumeRolePolicy(r -> r.roleName("Developer").policyDocument(trust.formatted("")));
            }
        }
    }

    @Test
    void anUnreachableVerifierIsOneLineSayingToStartTheDemo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        CommandRun run = CommandRun.run(Map.of(), "abac", "--demo", "--data-dir", dataDir.toString(),
                "--aws-endpoint", "http://127.0.0.1:" + port, "--user", "alice", "--account", "prod", "--role",
                "Admin", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q3.csv");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: cannot reach the AWS model at http://127.0.0.1:" + port
                + ": start it with ./stsbridge demo, or pass --aws-endpoint\n");
    }

    @Test
    void aMalformedActionOrContextIsAUsageError() {
        CommandRun action = abac("alice", "prod", "Admin", "--action", "GetObject");
        assertThat(action.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(action.err()).contains("the action must look like service:Action");
        CommandRun context = abac("alice", "prod", "Admin", "--action", "s3:GetObject", "--context", "novalue");
        assertThat(context.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(context.err()).contains("expected KEY=VALUE[:TYPE], was 'novalue'");
    }

    @Test
    void withConfigTheKeysMustBeGiven() {
        CommandRun run = CommandRun.run(Map.of("STSBRIDGE_PASSWORD", "x"), "abac", "--config",
                dataDir.resolve("missing.yaml").toString(), "--user", "alice", "--account", "prod", "--role",
                "Admin", "--action", "s3:GetObject");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("--config needs the account's access keys for the simulator");
    }
}
