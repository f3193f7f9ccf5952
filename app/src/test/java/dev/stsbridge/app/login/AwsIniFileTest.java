package dev.stsbridge.app.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing one profile of the AWS files without touching anything else. */
class AwsIniFileTest {

    @TempDir
    Path dir;

    private static Map<String, String> keys(String id) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("aws_access_key_id", id);
        keys.put("aws_secret_access_key", "s-" + id);
        return keys;
    }

    @Test
    void aNewFileGetsTheSectionWithMode0600InAPrivateDirectory() throws Exception {
        Path file = dir.resolve(".aws/credentials");
        new AwsIniFile(file).replaceSection("demo", keys("A"));
        assertThat(Files.readString(file)).isEqualTo("[demo]\naws_access_key_id = A\naws_secret_access_key = s-A\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void replacingAMiddleSectionKeepsEveryOtherLineExactly() throws Exception {
        Path file = dir.resolve("credentials");
        String before = "; top comment\n[default]\naws_access_key_id=X\n\n[demo]\naws_access_key_id = OLD\n"
                + "aws_session_token = OLD\n\n# about work\n[work]\n  region = eu-west-1  \n";
        Files.writeString(file, before);
        new AwsIniFile(file).replaceSection("demo", keys("NEW"));
        assertThat(Files.readString(file)).isEqualTo("; top comment\n[default]\naws_access_key_id=X\n\n[demo]\n"
                + "aws_access_key_id = NEW\naws_secret_access_key = s-NEW\n\n# about work\n[work]\n  region = eu-west-1  \n");
    }

    @Test
    void aSectionWithTheSameNameInsideAnotherIsNotConfused() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[demo-2]\nk = v\n[ demo ]\nk = old\n");
        new AwsIniFile(file).replaceSection("demo", keys("N"));
        assertThat(Files.readString(file)).isEqualTo("[demo-2]\nk = v\n[ demo ]\naws_access_key_id = N\n"
                + "aws_secret_access_key = s-N\n");
    }

    @Test
    void setIfAbsentAddsOnlyAMissingKey() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, "[profile demo]\noutput = json\n[profile other]\nregion = eu-west-1\n");
        AwsIniFile config = new AwsIniFile(file);
        config.setIfAbsent("profile demo", "region", "us-east-1");
        config.setIfAbsent("profile other", "region", "us-east-1");
        config.setIfAbsent("profile new", "region", "us-west-2");
        assertThat(Files.readString(file)).isEqualTo("[profile demo]\nregion = us-east-1\noutput = json\n"
                + "[profile other]\nregion = eu-west-1\n\n[profile new]\nregion = us-west-2\n");
        assertThat(config.read("profile other")).hasValue(Map.of("region", "eu-west-1"));
        assertThat(config.read("profile none")).isEmpty();
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws Exception {
        Path file = dir.resolve("credentials");
        for (int i = 0; i < 3; i++) {
            new AwsIniFile(file).replaceSection("p" + i, keys("K" + i));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("credentials");
        }
    }

    @Test
    void sharedCredentialsFileWritesKeysAndTheRegionAndRefusesOddProfileNames() throws Exception {
        SharedCredentialsFile files = SharedCredentialsFile.of(Map.of("AWS_SHARED_CREDENTIALS_FILE",
                dir.resolve("c").toString(), "AWS_CONFIG_FILE", dir.resolve("cfg").toString()), dir);
        SessionCredentials session = new SessionCredentials("ASIAX", "secret", "token",
                Instant.parse("2026-12-04T12:00:00Z"), "arn:aws:sts::111122223333:assumed-role/Admin/a");
        files.write("default", session, "us-west-2");
        assertThat(Files.readString(dir.resolve("c"))).isEqualTo("[default]\naws_access_key_id = ASIAX\n"
                + "aws_secret_access_key = secret\naws_session_token = token\n"
                + "x_security_token_expires = 2026-12-04T12:00:00Z\n"
                + "x_principal_arn = arn:aws:sts::111122223333:assumed-role/Admin/a\n");
        assertThat(Files.readString(dir.resolve("cfg"))).isEqualTo("[default]\nregion = us-west-2\n");
        for (String bad : new String[] {"a b", "a]b", "", "x\ny", "p".repeat(65)}) {
            assertThatThrownBy(() -> files.write(bad, session, "us-east-1")).isInstanceOf(LoginFailure.class)
                    .hasMessageContaining("is not usable");
        }
    }
}
