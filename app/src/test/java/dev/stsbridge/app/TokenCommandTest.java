package dev.stsbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stsbridge token}'s options and refusals before any network call (the flow: token.AuthorizationCodeFlowTest). */
class TokenCommandTest {

    @Test
    void withoutIssuerOrDemoItSaysWhatToGive() {
        CommandRun run = CommandRun.run("token", "--out", "id_token.jwt");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: give --issuer (or --demo for the demo's issuer)\n");
    }

    @Test
    void aPlainHttpIssuerIsRefused() {
        CommandRun run = CommandRun.run("token", "--issuer", "http://localhost:8443", "--thumbprint", "ab".repeat(20));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: the issuer must be an https URL, not http://localhost:8443\n");
    }

    @Test
    void aThumbprintThatIsNotFortyHexDigitsIsRefused() {
        CommandRun run = CommandRun.run("token", "--issuer", "https://localhost:8443", "--thumbprint", "3f1c");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo(
                "stsbridge: a thumbprint is 40 hex digits (the SHA-1 of the certificate), not 3f1c\n");
    }

    @Test
    void demoWithoutTheDemosDataDirectoryNamesWhereItLooked(@TempDir Path empty) {
        CommandRun run = CommandRun.run("token", "--demo", "--data-dir", empty.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("stsbridge: cannot read the demo's certificate in "
                + empty.resolve("oidc/tls") + " (has ./stsbridge demo run with --data-dir " + empty + "?): ");
    }

    @Test
    void thumbprintAndCertificateAreExclusive() {
        CommandRun run = CommandRun.run("token", "--issuer", "https://localhost:8443", "--thumbprint",
                "ab".repeat(20), "--certificate", "cert.pem");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
