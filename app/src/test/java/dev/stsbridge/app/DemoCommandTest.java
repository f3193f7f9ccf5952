package dev.stsbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;
import picocli.CommandLine;

/**
 * {@code stsbridge demo}: a taken port is one line naming the port and the flag; {@code --self-test} prints one line
 * and exits 0. (The servers run on the system clock: the AWS SDK signs with the real time.)
 */
class DemoCommandTest {

    @Test
    void aTakenIdpPortIsOneLineNamingThePortAndTheFlag(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run run = run("demo", "--data-dir", dataDir.toString(), "--idp-port", Integer.toString(port),
                    "--aws-port", "0");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("stsbridge: port " + port + " is already in use; choose another with "
                    + "--idp-port\n");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aTakenAwsPortIsOneLineNamingThePortAndTheFlag(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run run = run("demo", "--data-dir", dataDir.toString(), "--aws-port", Integer.toString(port),
                    "--idp-port", "0");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("stsbridge: port " + port + " is already in use; choose another with "
                    + "--aws-port\n");
        }
    }

    @Test
    void selfTestSignsAliceInPrintsOneLineAndExitsZero(@TempDir Path dataDir) {
        new KeyRingService(new KeyRingStore(dataDir, Map.of()), new SigningKeyGenerator(Clock.systemUTC()))
                .generate(new KeySpec(KeyAlgorithm.RSA_2048, "http://127.0.0.1:8080/saml2/metadata",
                        Duration.ofDays(30)), false);

        Run run = run("demo", "--self-test", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).matches("self-test passed: alice signed in at http://127\\.0\\.0\\.1:\\d+/login and "
                + "reached the AWS console model at http://127\\.0\\.0\\.1:\\d+ as "
                + "arn:aws:sts::111122223333:assumed-role/Admin/alice@example\\.com \\(session tags "
                + "department=engineering, team=platform; SourceIdentity alice\\) in \\d+\\.\\d s since start\n");
        assertThat(dataDir.resolve("verifier")).as("the self-test's AWS model state is thrown away").doesNotExist();
    }

    @Test
    void aFirstRunSaysTheKeysWereGenerated(@TempDir Path dataDir) {
        Run run = run("demo", "--self-test", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEqualTo("stsbridge demo: first run: generated the IdP's signing key in "
                + dataDir.resolve("keys/idp-signing.p12") + "\n");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = Main.commandLine(new Environment(Map.of(), Clock.systemUTC(),
                new ByteArrayOutputStream()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
