package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.testing.TestMetadata;
import dev.stsbridge.verifier.testing.Verifier;

/**
 * The real AWS CLI (Debian's {@code /usr/bin/aws}, botocore) against the verifier with {@code --endpoint-url}:
 * it signs, sends and parses exactly as against AWS. Runs with an empty HOME and the instance metadata service
 * disabled, so that it never looks beyond 127.0.0.1.
 */
class AwsCliTest {

    private static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    static Path home;

    private static Verifier verifier;

    @BeforeAll
    static void start() {
        assertThat(AWS).as("the Debian AWS CLI (apt-get install awscli) is needed: /usr/bin/aws").isExecutable();
        verifier = Verifier.start(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private record Run(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(stdout);
        }
    }

    private static Run aws(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
                verifier.endpoint().toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ACCESS_KEY_ID", Verifier.PROD_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Verifier.PROD_SECRET);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws finished").isTrue();
        return new Run(process.exitValue(), stdout, stderr);
    }

    @Test
    void createSamlProviderThenGetItWithTheCli() throws Exception {
        Path metadata = Files.writeString(home.resolve("metadata.xml"), TestMetadata.standard());

        Run created = aws("iam", "create-saml-provider", "--name", "CliProvider",
                "--saml-metadata-document", "file://" + metadata, "--tags", "Key=team,Value=platform");

        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String arn = created.json().get("SAMLProviderArn").asText();
        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:saml-provider/CliProvider");
        assertThat(created.json().get("Tags").get(0).get("Value").asText()).isEqualTo("platform");

        Run got = aws("iam", "get-saml-provider", "--saml-provider-arn", arn);
        assertThat(got.exitCode()).as(got.stderr()).isZero();
        assertThat(got.json().get("SAMLMetadataDocument").asText()).isEqualTo(Files.readString(metadata));
        assertThat(got.json().get("CreateDate").asText()).isNotEmpty();
        assertThat(got.json().get("ValidUntil").asText()).isNotEmpty();
        assertThat(got.json().get("Tags").get(0).get("Key").asText()).isEqualTo("team");
        // The Debian CLI (2.9, botocore of early 2023) predates SAMLProviderUUID, AssertionEncryptionMode and
        // PrivateKeyList (2025): it drops them from its output, as it would against AWS.
    }

    @Test
    void createRoleReturnsTheTrustPolicyThatTheCliDecodes() throws Exception {
        Run created = aws("iam", "create-role", "--role-name", "CliRole", "--assume-role-policy-document",
                RoleSdkTest.TRUST);

        assertThat(created.exitCode()).as(created.stderr()).isZero();
        JsonNode role = created.json().get("Role");
        assertThat(role.get("Arn").asText()).isEqualTo("arn:aws:iam::111122223333:role/CliRole");
        assertThat(role.get("AssumeRolePolicyDocument")).isEqualTo(new ObjectMapper().readTree(RoleSdkTest.TRUST));
    }

    @Test
    void createAttachAndPutPoliciesThenReadThemBackWithTheCli() throws Exception {
        Path document = Files.writeString(home.resolve("policy.json"), PolicySdkTest.READ);
        assertThat(aws("iam", "create-role", "--role-name", "CliWorker", "--assume-role-policy-document",
                RoleSdkTest.TRUST).exitCode()).isZero();

        Run created = aws("iam", "create-policy", "--policy-name", "CliReaders", "--policy-document",
                "file://" + document, "--description", "cli");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        JsonNode policy = created.json().get("Policy");
        String arn = policy.get("Arn").asText();
        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:policy/CliReaders");
        assertThat(policy.get("PolicyId").asText()).matches("ANPA[A-Z0-9]{17}");
        assertThat(policy.get("DefaultVersionId").asText()).isEqualTo("v1");
        assertThat(policy.get("IsAttachable").asBoolean()).isTrue();

        Run attached = aws("iam", "attach-role-policy", "--role-name", "CliWorker", "--policy-arn", arn);
        assertThat(attached.exitCode()).as(attached.stderr()).isZero();
        Run put = aws("iam", "put-role-policy", "--role-name", "CliWorker", "--policy-name", "inline",
                "--policy-document", "file://" + document);
        assertThat(put.exitCode()).as(put.stderr()).isZero();

        Run listed = aws("iam", "list-attached-role-policies", "--role-name", "CliWorker");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.json().get("AttachedPolicies")).hasSize(1);
        assertThat(listed.json().get("AttachedPolicies").get(0).get("PolicyArn").asText()).isEqualTo(arn);
        assertThat(listed.json().get("AttachedPolicies").get(0).get("PolicyName").asText()).isEqualTo("CliReaders");

        Run version = aws("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        JsonNode got = version.json().get("PolicyVersion");
        assertThat(got.get("Document")).isEqualTo(new ObjectMapper().readTree(PolicySdkTest.READ));
        assertThat(got.get("IsDefaultVersion").asBoolean()).isTrue();

        Run inline = aws("iam", "get-role-policy", "--role-name", "CliWorker", "--policy-name", "inline");
        assertThat(inline.exitCode()).as(inline.stderr()).isZero();
        assertThat(inline.json().get("PolicyDocument")).isEqualTo(new ObjectMapper().readTree(PolicySdkTest.READ));

        Run conflict = aws("iam", "delete-role", "--role-name", "CliWorker");
        assertThat(conflict.exitCode()).isEqualTo(254);
        assertThat(conflict.stderr().strip()).isEqualTo("An error occurred (DeleteConflict) when calling the "
                + "DeleteRole operation: Cannot delete entity, must detach all policies first.");
    }

    @Test
    void getCallerIdentityIsTheAccountRoot() throws Exception {
        Run identity = aws("sts", "get-caller-identity");

        assertThat(identity.exitCode()).as(identity.stderr()).isZero();
        assertThat(identity.json().get("Arn").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(identity.json().get("Account").asText()).isEqualTo("111122223333");
    }

    @Test
    void aRefusalReachesTheCliWithAwsCodeAndMessage() throws Exception {
        Run missing = aws("iam", "get-role", "--role-name", "Missing");

        assertThat(missing.exitCode()).isEqualTo(254);
        assertThat(missing.stderr().strip()).isEqualTo("An error occurred (NoSuchEntity) when calling the GetRole "
                + "operation: The role with name Missing cannot be found.");
    }

    /** AWS's ABAC tutorial policy with the tutorial's tags, simulated by the real CLI. */
    @Test
    void simulateCustomPolicyWithContextEntriesGivesTheTutorialsDecisions() throws Exception {
        Path policy = home.resolve("access-same-project-team.json");
        try (var in = AwsCliTest.class.getResourceAsStream("/abac/access-same-project-team.json")) {
            Files.write(policy, in.readAllBytes());
        }
        List<String> principalTags = List.of(
                "ContextKeyName=aws:PrincipalTag/access-project,ContextKeyValues=peg,ContextKeyType=string",
                "ContextKeyName=aws:PrincipalTag/access-team,ContextKeyValues=eng,ContextKeyType=string",
                "ContextKeyName=aws:PrincipalTag/cost-center,ContextKeyValues=987654,ContextKeyType=string");
        List<String> sameTeam = new ArrayList<>(principalTags);
        sameTeam.add("ContextKeyName=aws:ResourceTag/access-team,ContextKeyValues=eng,ContextKeyType=string");
        List<String> otherTeam = new ArrayList<>(principalTags);
        otherTeam.add("ContextKeyName=aws:ResourceTag/access-team,ContextKeyValues=qas,ContextKeyType=string");

        Run allowed = simulate(policy, "secretsmanager:GetSecretValue", sameTeam);
        assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
        JsonNode result = allowed.json().get("EvaluationResults").get(0);
        assertThat(result.get("EvalDecision").asText()).isEqualTo("allowed");
        JsonNode matched = result.get("MatchedStatements").get(0);
        assertThat(matched.get("SourcePolicyId").asText()).isEqualTo("PolicyInputList.1");
        String[] lines = Files.readString(policy).split("\n", -1);
        int line = matched.get("StartPosition").get("Line").asInt();
        assertThat(lines[line]).contains("\"Sid\": \"ReadSecretsManagerSameTeam\"");
        assertThat(matched.get("EndPosition").get("Line").asInt()).isGreaterThan(line);

        Run denied = simulate(policy, "secretsmanager:GetSecretValue", otherTeam);
        assertThat(denied.exitCode()).as(denied.stderr()).isZero();
        JsonNode deniedResult = denied.json().get("EvaluationResults").get(0);
        assertThat(deniedResult.get("EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(deniedResult.get("MatchedStatements")).isEmpty();

        Run explicit = simulate(policy, "secretsmanager:PutResourcePolicy", sameTeam);
        assertThat(explicit.json().get("EvaluationResults").get(0).get("EvalDecision").asText())
                .isEqualTo("explicitDeny");

        Run keys = aws("iam", "get-context-keys-for-custom-policy", "--policy-input-list", Files.readString(policy));
        assertThat(keys.exitCode()).as(keys.stderr()).isZero();
        assertThat(keys.json().get("ContextKeyNames").toString()).contains("aws:ResourceTag/access-team", "aws:TagKeys");
    }

    /**
     * {@code --policy-input-list file://p.json} with the file as the AWS CLI's documentation says it must be (a
     * JSON list of policy strings), and simulate-principal-policy on a role whose inline policy the CLI put.
     */
    @Test
    void simulateWithAPolicyFileAndTheRoleOfPutRolePolicy() throws Exception {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PlatformReads\",\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:PrincipalTag/team\":\"platform\"}}}]}";
        Path file = Files.writeString(home.resolve("p.json"),
                new ObjectMapper().writeValueAsString(List.of(policy)));
        String platform = "ContextKeyName=aws:PrincipalTag/team,ContextKeyValues=platform,ContextKeyType=string";

        Run custom = aws("iam", "simulate-custom-policy", "--policy-input-list", "file://" + file,
                "--action-names", "s3:GetObject", "--context-entries", platform);
        assertThat(custom.exitCode()).as(custom.stderr()).isZero();
        JsonNode result = custom.json().get("EvaluationResults").get(0);
        assertThat(result.get("EvalDecision").asText()).isEqualTo("allowed");
        JsonNode matched = result.get("MatchedStatements").get(0);
        assertThat(matched.get("SourcePolicyId").asText()).isEqualTo("PolicyInputList.1");
        assertThat(matched.get("SourcePolicyType").asText()).isEqualTo("IAM Policy");
        assertThat(matched.get("StartPosition").get("Line").asInt()).isEqualTo(1);
        assertThat(policy.charAt(matched.get("StartPosition").get("Column").asInt() - 2)).isEqualTo('{');
        assertThat(policy.charAt(matched.get("EndPosition").get("Column").asInt() - 2)).isEqualTo('}');
        assertThat(result.has("EvalDecisionDetails")).as("not returned for *").isFalse();

        Run other = aws("iam", "simulate-custom-policy", "--policy-input-list", "file://" + file,
                "--action-names", "s3:GetObject", "--context-entries",
                "ContextKeyName=aws:PrincipalTag/team,ContextKeyValues=sales,ContextKeyType=string");
        assertThat(other.json().get("EvaluationResults").get(0).get("EvalDecision").asText()).isEqualTo("implicitDeny");

        Path trust = Files.writeString(home.resolve("trust.json"), RoleSdkTest.TRUST);
        assertThat(aws("iam", "create-role", "--role-name", "CliPlatform", "--assume-role-policy-document",
                "file://" + trust).exitCode()).isZero();
        Path inline = Files.writeString(home.resolve("inline.json"), policy);
        assertThat(aws("iam", "put-role-policy", "--role-name", "CliPlatform", "--policy-name", "platform-reads",
                "--policy-document", "file://" + inline).exitCode()).isZero();
        Run principal = aws("iam", "simulate-principal-policy", "--policy-source-arn",
                "arn:aws:iam::111122223333:role/CliPlatform", "--action-names", "s3:GetObject", "s3:PutObject",
                "--resource-arns", "arn:aws:s3:::reports/q3.csv", "--context-entries", platform);
        assertThat(principal.exitCode()).as(principal.stderr()).isZero();
        JsonNode get = principal.json().get("EvaluationResults").get(0);
        assertThat(get.get("EvalDecision").asText()).isEqualTo("allowed");
        assertThat(get.get("MatchedStatements").get(0).get("SourcePolicyId").asText())
                .isEqualTo("role_CliPlatform_platform-reads");
        assertThat(get.get("EvalDecisionDetails").size()).as("present and empty for a resource ARN").isZero();
        assertThat(get.get("ResourceSpecificResults").get(0).get("EvalResourceDecision").asText()).isEqualTo("allowed");
        JsonNode put = principal.json().get("EvaluationResults").get(1);
        assertThat(put.get("EvalActionName").asText()).isEqualTo("s3:PutObject");
        assertThat(put.get("EvalDecision").asText()).isEqualTo("implicitDeny");

        Run keys = aws("iam", "get-context-keys-for-principal-policy", "--policy-source-arn",
                "arn:aws:iam::111122223333:role/CliPlatform");
        assertThat(keys.exitCode()).as(keys.stderr()).isZero();
        assertThat(keys.json().get("ContextKeyNames").toString()).isEqualTo("[\"aws:PrincipalTag/team\"]");
    }

    private static Run simulate(Path policy, String action, List<String> contextEntries) throws Exception {
        // As in the AWS CLI's own example: the document itself (with file:// the CLI sends the text as a list of
        // characters, against AWS too).
        List<String> arguments = new ArrayList<>(List.of("iam", "simulate-custom-policy", "--policy-input-list",
                Files.readString(policy), "--action-names", action, "--context-entries"));
        arguments.addAll(contextEntries);
        return aws(arguments.toArray(String[]::new));
    }
}
