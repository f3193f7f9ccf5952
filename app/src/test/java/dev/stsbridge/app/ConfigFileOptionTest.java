package dev.stsbridge.app;

import static dev.stsbridge.app.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.sso.IdpApplication;

/** {@code --config FILE} on the keys and metadata commands: the same IdP as {@code serve --config FILE}. */
class ConfigFileOptionTest {

    @TempDir
    Path dir;

    private Path config() throws Exception {
        String demo = new String(getClass().getClassLoader()
                .getResourceAsStream(StsbridgeConfig.DEMO_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        String yaml = demo.replace("entity-id: http://127.0.0.1:8080/saml2/metadata", "entity-id: https://idp.example.com/saml")
                .replace("base-url: http://127.0.0.1:8080", "base-url: https://idp.example.com")
                .replace("data-dir: data", "data-dir: " + dir.resolve("data"));
        assertThat(yaml).contains("https://idp.example.com/saml", dir.resolve("data").toString());
        return Files.writeString(dir.resolve("stsbridge.yaml"), yaml);
    }

    @Test
    void metadataExportWithConfigWritesExactlyWhatTheIdpServes() throws Exception {
        Path file = config();
        CommandRun export = run("metadata", "export", "--sign", "--config", file.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();

        assertThat(Files.exists(dir.resolve("data/keys/idp-signing.p12"))).isTrue();
        try (IdpApplication idp = IdpApplication.start(StsbridgeConfig.load(file), Map.of(),
                Clock.fixed(CommandRun.NOW, ZoneOffset.UTC))) {
            assertThat(export.stdoutBytes()).isEqualTo(idp.signedMetadata());
        }
        assertThat(export.stdoutText()).contains("entityID=\"https://idp.example.com/saml\"",
                "Location=\"https://idp.example.com/saml2/sso\"");
    }

    @Test
    void explicitOptionsWinOverTheConfigFile() throws Exception {
        CommandRun export = run("metadata", "export", "--config", config().toString(),
                "--entity-id", "urn:example:other", "--data-dir", dir.resolve("elsewhere").toString());

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.stdoutText()).contains("entityID=\"urn:example:other\"");
        assertThat(Files.exists(dir.resolve("elsewhere/keys/idp-signing.p12"))).isTrue();
    }

    @Test
    void aBrokenConfigFileIsOneLineNamingFileLineAndKey() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "entity-id: 12\n");
        CommandRun export = run("metadata", "export", "--config", bad.toString());

        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err().strip()).isEqualTo("stsbridge: bad.yaml line 1: entity-id: must be an absolute URI, was \"12\"");
    }
}
