package dev.stsbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.StsbridgeConfig;

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
    void anUnreachableSharedDatabaseIsOneLineNamingTheKeyTheUrlAndTheUser(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort(); // nothing listens here once the probe is closed
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/stsbridge";
        Path config = Files.writeString(dir.resolve("stsbridge.yaml"), demoYaml().replace("data-dir: data",
                "data-dir: " + dir.resolve("data")) + "\nstate:\n  postgresql:\n    url: " + url
                + "\n    user: idp\n    password: {env: DB_PASSWORD}\n");
        CommandRun run = CommandRun.run(Map.of("DB_PASSWORD", "x"), "serve", "--config", config.toString(),
                "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("stsbridge: state.postgresql: cannot connect to " + url + " as idp: ")
                .endsWith("\n").hasLineCount(1);
    }

    @Test
    void aSharedDatabasePasswordThatIsNotSetIsNamed(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("stsbridge.yaml"), demoYaml().replace("data-dir: data",
                "data-dir: " + dir.resolve("data")) + "\nstate:\n  postgresql:\n"
                + "    url: jdbc:postgresql://127.0.0.1/stsbridge\n    user: idp\n    password: {env: DB_PASSWORD}\n");
        CommandRun run = CommandRun.run(Map.of(), "serve", "--config", config.toString(), "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("stsbridge: state.postgresql.password: environment variable DB_PASSWORD "
                + "is not set\n");
    }

    private static String demoYaml() throws Exception {
        try (var in = ServeCommandTest.class.getClassLoader().getResourceAsStream(StsbridgeConfig.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void configAndDemoAreExclusive(@TempDir Path dataDir) {
        CommandRun run = CommandRun.run("serve", "--demo", "--config", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
