package dev.stsbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class VerifierCommandTest {

    @TempDir
    Path dataDir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(Environment.system()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void verifierWhenThePortIsInUseThenOneLineNamingThePortAndTheFlag() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run("verifier", "--port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dataDir.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("stsbridge verifier: port " + taken.getLocalPort()
                    + " is already in use; choose another with --port" + System.lineSeparator());
        }
    }

    @Test
    void verifierWhenTheAccountsFileIsWrongThenOneLineNamingTheFile() throws IOException {
        Path accounts = Files.writeString(dataDir.resolve("accounts.yaml"), "accounts: []\n");

        Result result = run("verifier", "--port", "0", "--data-dir", dataDir.toString(),
                "--accounts", accounts.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("stsbridge verifier: accounts file " + accounts
                + ": 'accounts' lists no account" + System.lineSeparator());
    }

    @Test
    void verifierWhenTheClockSkewIsNegativeThenRefused() {
        Result result = run("verifier", "--port", "0", "--data-dir", dataDir.toString(), "--clock-skew-seconds", "-1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("stsbridge verifier: --clock-skew-seconds must not be negative"
                + System.lineSeparator());
    }

    @Test
    void verifierHelpListsItsOptions() {
        Result result = run("verifier", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--port", "--host", "--data-dir", "--accounts", "--one-time-use",
                "--clock-skew-seconds");
    }
}
