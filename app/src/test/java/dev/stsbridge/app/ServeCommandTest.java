package dev.stsbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stsbridge serve}: the refusals that happen before it serves. */
class ServeCommandTest {

    @Test
    void portInUseIsOneLineNamingThePortAndTheFlag(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CommandRun run = CommandRun.run("serve", "--demo", "--data-dir", dataDir.toString(), "--port",
                    Integer.toString(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("stsbridge: port " + port + " is already in use; choose another with "
                    + "--port\n");
        }
    }

    @Test
    void plainHttpOnAnyAddressIsRefusedWithoutInsecureHttp(@TempDir Path dataDir) {
        CommandRun run = CommandRun.run("serve", "--demo", "--data-dir", dataDir.toString(), "--host", "0.0.0.0",
                "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("stsbridge: refusing to serve plain HTTP on 0.0.0.0, which is not a loopback "
                + "address: configure server.tls, or pass --insecure-http if a TLS-terminating proxy is in front\n");
    }

    @Test
    void configAndDemoAreExclusive(@TempDir Path dataDir) {
        CommandRun run = CommandRun.run("serve", "--demo", "--config", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
