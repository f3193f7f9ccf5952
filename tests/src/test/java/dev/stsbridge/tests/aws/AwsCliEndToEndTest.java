package dev.stsbridge.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.tests.support.Processes;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.RequiredTool;

/**
 * {@code tests/cli/assume-role-with-saml.sh}: the packaged {@code stsbridge} jar and Debian's AWS CLI, nothing else
 * (verifier in the background, metadata export, create-saml-provider, create-role, assume-role-with-saml with
 * {@code stsbridge assertion} output, get-caller-identity, a tampered assertion). The script checks each step
 * itself; this test checks the JSON it prints, independently, and that it cleans up after a failure.
 */
class AwsCliEndToEndTest {

    private static final Path SCRIPT = Repository.root().resolve("tests/cli/assume-role-with-saml.sh");
    private static final String ALICE_ADMIN = "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** The script's temporary files (and its verifier's data directory) go here: TMPDIR. */
    @TempDir
    Path tmp;

    private Processes.Builder script(Map<String, String> environment) {
        return Processes.command("/bin/bash", SCRIPT.toString()).timeout(TIMEOUT)
                .environment("STSBRIDGE_JAR", Repository.stsbridgeJar().toString())
                .environment("JAVA", Repository.java().toString())
                .environment("TMPDIR", tmp.toString())
                .environment(environment);
    }

    /** Every process still running that the script started: their command lines name its temporary directory. */
    private List<String> leftOverProcesses() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains(tmp.toString())).toList();
    }

    @Test
    void theAwsCliAssumesTheRoleWithOurAssertionAndRefusesATamperedOne() throws Exception {
        RequiredTool.require("/usr/bin/aws");
        RequiredTool.require("/usr/bin/python3");

        Processes.Result run = script(Map.of()).run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.stdout());
        assertThat(result.at("/provider/SAMLProviderArn").asText())
                .isEqualTo("arn:aws:iam::111122223333:saml-provider/stsbridge");
        assertThat(result.at("/role/Role/Arn").asText()).isEqualTo("arn:aws:iam::111122223333:role/Admin");
        JsonNode assumed = result.get("assumed");
        assertThat(assumed.at("/AssumedRoleUser/Arn").asText()).isEqualTo(ALICE_ADMIN);
        assertThat(assumed.at("/Credentials/AccessKeyId").asText()).matches("ASIA[A-Z0-9]{16}");
        assertThat(assumed.get("SubjectType").asText()).isEqualTo("persistent");
        assertThat(assumed.get("Issuer").asText()).isEqualTo("http://127.0.0.1:8080/saml2/metadata");
        assertThat(assumed.get("Audience").asText()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(assumed.get("SourceIdentity").asText()).isEqualTo("alice");
        assertThat(assumed.get("NameQualifier").asText()).isEqualTo(nameQualifier(
                "http://127.0.0.1:8080/saml2/metadata", "111122223333", "stsbridge"));
        assertThat(result.at("/callerIdentity/Arn").asText()).isEqualTo(ALICE_ADMIN);
        assertThat(result.at("/callerIdentity/Account").asText()).isEqualTo("111122223333");
        assertThat(result.at("/tampered/exitCode").asInt()).isNotZero();
        assertThat(result.at("/tampered/stderr").asText()).contains("(InvalidIdentityToken)")
                .contains("Response signature invalid");
        assertThat(leftOverProcesses()).as("processes the script left running").isEmpty();
    }

    @Test
    void whenAStepFailsTheScriptFailsLoudlyAndStopsTheVerifier() {
        // /bin/false as the AWS CLI: the verifier is up, the first aws call fails
        Processes.Result run = script(Map.of("AWS_CLI", "/bin/false")).run();

        assertThat(run.exitCode()).isNotZero();
        Matcher started = Pattern.compile("started the verifier \\(pid (\\d+)\\)").matcher(run.stderr());
        assertThat(started.find()).as(run.toString()).isTrue();
        long pid = Long.parseLong(started.group(1));
        assertThat(run.stderr()).contains("stopped the verifier (pid " + pid + ")");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the verifier process").isEmpty();
        assertThat(leftOverProcesses()).as("processes the script left running").isEmpty();
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void withoutTheJarTheScriptSaysHowToBuildIt() {
        Processes.Result run = script(Map.of("STSBRIDGE_JAR", "/nonexistent/stsbridge.jar")).run();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("assume-role-with-saml.sh: FAIL: /nonexistent/stsbridge.jar is missing: "
                + "build it with 'mvn -B package -pl app -am' (or ./stsbridge --help)\n");
    }

    /** AWS-SAML.md §4: Base64(SHA1(Issuer + account ID + "/" + provider name)). */
    private static String nameQualifier(String issuer, String account, String provider) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((issuer + account + "/" + provider).getBytes(StandardCharsets.UTF_8)));
    }
}
