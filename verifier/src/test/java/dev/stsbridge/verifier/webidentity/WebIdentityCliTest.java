package dev.stsbridge.verifier.webidentity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;

/**
 * The real AWS CLI (Debian's {@code /usr/bin/aws}) registers the OpenID provider, creates the role and exchanges a
 * token for credentials with {@code sts assume-role-with-web-identity}, against the verifier on 127.0.0.1; then
 * {@code get-caller-identity} with those credentials. Empty HOME, instance metadata disabled.
 */
class WebIdentityCliTest {

    private static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    static Path home;

    private static Verifier verifier;
    private static TestIdp idp;

    @BeforeAll
    static void start() throws Exception {
        assertThat(AWS).as("the Debian AWS CLI (apt-get install awscli) is needed: /usr/bin/aws").isExecutable();
        verifier = Verifier.start(Clock.systemUTC());
        idp = TestIdp.start();
        Run provider = aws(Map.of(), "iam", "create-open-id-connect-provider", "--url", idp.issuer(),
                "--client-id-list", TestIdp.CLIENT_ID, "--thumbprint-list", idp.thumbprint());
        assertThat(provider.exitCode()).as(provider.stderr()).isZero();
        String arn = provider.json().get("OpenIDConnectProviderArn").asText();
        Run role = aws(Map.of(), "iam", "create-role", "--role-name", "WebApp", "--assume-role-policy-document",
                WebIdentityFixture.trust(arn, idp.host(), true));
        assertThat(role.exitCode()).as(role.stderr()).isZero();
    }

    @AfterAll
    static void stop() {
        idp.close();
        verifier.close();
    }

    private record Run(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(stdout);
        }
    }

    private static Run aws(Map<String, String> credentials, String... arguments) throws IOException, InterruptedException {
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
        env.putAll(credentials);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws finished").isTrue();
        return new Run(process.exitValue(), stdout, stderr);
    }

    private static Run exchange(String token) throws Exception {
        Path file = Files.writeString(Files.createTempFile(home, "token", ".jwt"), token);
        return aws(Map.of(), "sts", "assume-role-with-web-identity", "--role-arn", WebIdentityFixture.ROLE,
                "--role-session-name", "alice-cli", "--web-identity-token", "file://" + file);
    }

    @Test
    void theCliExchangesATokenForCredentialsWhoseCallerIsTheAssumedRole() throws Exception {
        Run exchanged = exchange(idp.token());

        assertThat(exchanged.exitCode()).as(exchanged.stderr()).isZero();
        JsonNode result = exchanged.json();
        assertThat(result.get("SubjectFromWebIdentityToken").asText()).isEqualTo("alice");
        assertThat(result.get("Provider").asText()).isEqualTo(idp.issuer());
        assertThat(result.get("Audience").asText()).isEqualTo(TestIdp.CLIENT_ID);
        JsonNode credentials = result.get("Credentials");
        Run me = aws(Map.of("AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(me.exitCode()).as(me.stderr()).isZero();
        assertThat(me.json().get("Arn").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/WebApp/alice-cli");
    }

    @Test
    void theCliGetsAwsCodeForAnExpiredToken() throws Exception {
        Instant exp = Instant.now().minusSeconds(600);
        Run refused = exchange(idp.token(c -> c.expirationTime(Date.from(exp)).issueTime(Date.from(exp))));

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("(ExpiredTokenException)")
                .contains("must be before the expiration date/time " + exp.getEpochSecond());
    }

    @Test
    void theCliGetsAwsCodeForAForgedToken() throws Exception {
        String[] good = idp.token().split("\\.");
        String forged = idp.token(c -> c.subject("admin")).split("\\.")[1];
        Run refused = exchange(good[0] + "." + forged + "." + good[2]);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("(InvalidIdentityToken)").contains(VerifiedToken.SIGNATURE_INVALID);
    }

    @Test
    void theCliListsAndReadsTheProvider() throws Exception {
        Run listed = aws(Map.of(), "iam", "list-open-id-connect-providers");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        String arn = listed.json().get("OpenIDConnectProviderList").get(0).get("Arn").asText();
        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:oidc-provider/" + idp.host());

        Run got = aws(Map.of(), "iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
        assertThat(got.exitCode()).as(got.stderr()).isZero();
        assertThat(got.json().get("Url").asText()).isEqualTo(idp.host());
        assertThat(got.json().get("ThumbprintList").get(0).asText()).isEqualTo(idp.thumbprint());
    }
}
