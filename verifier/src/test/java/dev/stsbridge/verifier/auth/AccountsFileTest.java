package dev.stsbridge.verifier.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.verifier.SamlHalf;
import dev.stsbridge.verifier.VerifierSettings;
import dev.stsbridge.verifier.testing.AwsReply;
import dev.stsbridge.verifier.testing.SignedRequests;
import dev.stsbridge.verifier.testing.SignedRequests.Signing;
import dev.stsbridge.verifier.testing.Verifier;

class AccountsFileTest {

    private static final String YAML = """
            accounts:
              - id: "123456789012"
                alias: sandbox
                access-key-id: AKIASANDBOX000000001
                secret-access-key: c2FuZGJveC1zZWNyZXQtMDAwMDAwMDAwMDAwMDAw
              - id: "210987654321"
                access-key-id: AKIASANDBOX000000002
                secret-access-key: c2FuZGJveC1zZWNyZXQtMTExMTExMTExMTExMTEx
            """;

    @TempDir
    Path dir;

    @Test
    void loadReadsYaml() throws IOException {
        Accounts accounts = AccountsFile.load(Files.writeString(dir.resolve("accounts.yaml"), YAML));

        assertThat(accounts.all()).extracting(Account::id).containsExactly("123456789012", "210987654321");
        assertThat(accounts.alias("123456789012")).contains("sandbox");
        assertThat(accounts.alias("210987654321")).isEmpty();
        assertThat(accounts.byAccessKeyId("AKIASANDBOX000000002")).map(Account::id).contains("210987654321");
    }

    @Test
    void loadReadsJson() throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.json"), "{\"accounts\":[{\"id\":\"123456789012\","
                + "\"access-key-id\":\"AKIASANDBOX000000001\",\"secret-access-key\":\"0123456789abcdef0123\"}]}");

        assertThat(AccountsFile.load(file).all()).extracting(Account::accessKeyId)
                .containsExactly("AKIASANDBOX000000001");
    }

    @Test
    void loadWhenAFieldIsMissingThenNamesTheFileTheEntryAndTheField() throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.yaml"), YAML.replace(
                "    access-key-id: AKIASANDBOX000000002\n", ""));

        assertThatThrownBy(() -> AccountsFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accounts file " + file + ": accounts[1]: 'access-key-id' is missing");
    }

    @Test
    void loadWhenAnAccountIdIsNotTwelveDigitsThenRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.yaml"), YAML.replace("\"123456789012\"", "12345"));

        assertThatThrownBy(() -> AccountsFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accounts file " + file + ": accounts[0]: account id must be 12 digits");
    }

    @Test
    void loadWhenAKeyIdRepeatsThenRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.yaml"), YAML.replace("000000002", "000000001"));

        assertThatThrownBy(() -> AccountsFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accounts file " + file + ": access key id AKIASANDBOX000000001 appears twice");
    }

    @Test
    void loadWhenAnUnknownPropertyThenRefusedNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.yaml"), YAML.replace("alias:", "aliass:"));

        assertThatThrownBy(() -> AccountsFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("accounts file " + file + ": Unrecognized field \"aliass\"");
    }

    @Test
    void loadWhenNoAccountsThenRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.yaml"), "accounts: []\n");

        assertThatThrownBy(() -> AccountsFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accounts file " + file + ": 'accounts' lists no account");
    }

    @Test
    void theServerAuthenticatesTheFilesKeysAndNoLongerTheDemoKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.yaml"), YAML);
        VerifierSettings settings = VerifierSettings.defaults(dir.resolve("data")).withPort(0).withAccountsFile(file);
        String body = SignedRequests.form("Action", "GetCallerIdentity", "Version", "2011-06-15");

        try (Verifier verifier = Verifier.start(settings, new dev.stsbridge.verifier.SamlPipelines())) {
            AwsReply own = SignedRequests.post(verifier.endpoint(), body, Signing.account("AKIASANDBOX000000001",
                    "c2FuZGJveC1zZWNyZXQtMDAwMDAwMDAwMDAwMDAw", "sts", Instant.now(Clock.systemUTC())));
            AwsReply demo = SignedRequests.post(verifier.endpoint(), body,
                    Signing.account(Verifier.PROD_KEY, Verifier.PROD_SECRET, "sts", Instant.now()));

            assertThat(own.text("Arn")).isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(demo.code()).isEqualTo("InvalidClientTokenId");
        }
    }
}
