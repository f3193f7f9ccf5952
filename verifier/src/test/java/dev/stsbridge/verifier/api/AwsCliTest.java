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

    private static Run simulate(Path policy, String action, List<String> contextEntries) throws Exception {
        // As in the AWS CLI's own example: the document itself (with file:// the CLI sends the text as a list of
        // characters, against AWS too).
        List<String> arguments = new ArrayList<>(List.of("iam", "simulate-custom-policy", "--policy-input-list",
                Files.readString(policy), "--action-names", action, "--context-entries"));
        arguments.addAll(contextEntries);
        return aws(arguments.toArray(String[]::new));
    }
}
