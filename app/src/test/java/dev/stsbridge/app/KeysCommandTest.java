package dev.stsbridge.app;

import static dev.stsbridge.app.CommandRun.NOW;
import static dev.stsbridge.app.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.keys.KeyRingStore;

class KeysCommandTest {

    @TempDir
    Path dir;

    private String data() {
        return dir.resolve("data").toString();
    }

    private Path store() {
        return dir.resolve("data/keys/idp-signing.p12");
    }

    @Test
    void generateWritesTheKeyStoreAndSaysWhichKeyItMade() throws Exception {
        CommandRun generate = run("keys", "generate", "--algorithm", "rsa-2048", "--data-dir", data());

        assertThat(generate.exitCode()).as(generate.toString()).isZero();
        assertThat(generate.err()).isEmpty();
        KeyRing ring = new KeyRingStore(dir.resolve("data"), Map.of()).load();
        assertThat(generate.out()).isEqualTo("generated signing key signing-20261125T120000Z (RSA-2048, valid until "
                + NOW.plus(Duration.ofDays(3652)).toString().substring(0, 10) + ", SHA-256 "
                + sha256(ring.current().certificate().getEncoded()) + ")\n"
                + "key store " + store() + ", password from the file " + dir.resolve("data/keys/keystore.password") + "\n");
    }

    @Test
    void listShowsIdAlgorithmRoleSubjectNotAfterAndFingerprint() throws Exception {
        run("keys", "generate", "--algorithm", "ec-p256", "--validity-days", "30", "--data-dir", data());

        CommandRun list = run("keys", "list", "--data-dir", data());

        KeyRing ring = new KeyRingStore(dir.resolve("data"), Map.of()).load();
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out().lines()).hasSize(2);
        assertThat(list.out().lines().toList().get(0)).startsWith("ROLE").contains("ID", "ALGORITHM", "NOT-AFTER", "SUBJECT", "SHA-256");
        assertThat(list.out().lines().toList().get(1).split("\\s+")).containsExactly("current", "signing-20261125T120000Z",
                "EC-P256", "2026-12-25", "CN=127.0.0.1", sha256(ring.current().certificate().getEncoded()));
    }

    @Test
    void generateWhenAKeyStoreExistsThenOneLineErrorAndExit1() {
        run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", data());

        CommandRun again = run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", data());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("stsbridge: a key store already exists at " + store()
                + ": use `keys rotate` to add a key, or --force to replace it (its keys are lost)\n");
        assertThat(run("keys", "generate", "--algorithm", "ec-p256", "--force", "--data-dir", data()).exitCode()).isZero();
    }

    @Test
    void rotateThenPromoteMovesTheKeysThroughTheirRoles() {
        run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", data());

        CommandRun rotate = run("keys", "rotate", "--data-dir", data());
        assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
        assertThat(rotate.out()).startsWith("added next key signing-20261125T120000Z-2 (EC-P256,")
                .contains("then run: stsbridge keys promote");
        assertThat(roles(run("keys", "list", "--data-dir", data()))).containsExactly("current", "next");

        CommandRun promote = run("keys", "promote", "--data-dir", data());
        assertThat(promote.exitCode()).as(promote.toString()).isZero();
        assertThat(promote.out()).startsWith("current key is now signing-20261125T120000Z-2 (EC-P256,")
                .contains("retired signing-20261125T120000Z; upload the metadata again");
        assertThat(roles(run("keys", "list", "--data-dir", data()))).containsExactly("current", "retired");
    }

    @Test
    void promoteWithoutANextKeyThenExit1() {
        run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", data());
        CommandRun promote = run("keys", "promote", "--data-dir", data());
        assertThat(promote.exitCode()).isEqualTo(1);
        assertThat(promote.err()).isEqualTo("stsbridge: there is no next key to promote: run `stsbridge keys rotate` first\n");
    }

    @Test
    void listWithoutAKeyStoreThenSaysWhichCommandToRun() {
        CommandRun list = run("keys", "list", "--data-dir", data());
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("stsbridge: no key store at " + store() + ": run `stsbridge keys generate`\n");
    }

    @Test
    void listWithTheWrongPasswordThenExit1WithoutAStackTrace() {
        run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", data());
        CommandRun list = run(Map.of("STSBRIDGE_KEYSTORE_PASSWORD", "wrong"), "keys", "list", "--data-dir", data());
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("stsbridge: wrong password for the key store " + store()
                + " (password from the environment variable STSBRIDGE_KEYSTORE_PASSWORD)\n");
    }

    @Test
    void listWhenTheKeyStoreIsTruncatedThenExit1() throws Exception {
        run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", data());
        byte[] whole = Files.readAllBytes(store());
        Files.write(store(), java.util.Arrays.copyOf(whole, 100));

        CommandRun list = run("keys", "list", "--data-dir", data());
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("stsbridge: cannot read the key store " + store()
                + ": it is truncated or damaged (not a readable PKCS#12 file)\n");
    }

    @Test
    void generateWhenTheDataDirectoryCannotBeCreatedThenExit1() throws Exception {
        Path plainFile = Files.writeString(dir.resolve("plain"), "x");
        CommandRun generate = run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", plainFile.resolve("data").toString());
        assertThat(generate.exitCode()).isEqualTo(1);
        assertThat(generate.err()).startsWith("stsbridge: cannot write the key store " + plainFile.resolve("data/keys/idp-signing.p12"))
                .hasLineCount(1);
    }

    @Test
    void verboseAddsTheStackTrace() {
        CommandRun list;
        try {
            list = run("keys", "list", "--verbose", "--data-dir", data());
        } finally {
            Logging.reset();  // --verbose raises the log levels for the whole process
        }
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).startsWith("stsbridge: no key store at ").contains("\tat dev.stsbridge.keys.KeyRingStore.load");
    }

    @Test
    void anUnknownAlgorithmIsAUsageErrorWithExit1() {
        CommandRun generate = run("keys", "generate", "--algorithm", "dsa", "--data-dir", data());
        assertThat(generate.exitCode()).isEqualTo(1);
        assertThat(generate.err()).startsWith("stsbridge: Invalid value for option '--algorithm': ")
                .contains("unknown key algorithm 'dsa'").endsWith("(see 'stsbridge keys generate --help')\n");
    }

    private static java.util.List<String> roles(CommandRun list) {
        return list.out().lines().skip(1).map(line -> line.split("\\s+")[0]).toList();
    }

    private static String sha256(byte[] der) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    @Test
    void oidcRingIsItsOwnStoreAndRotatesAndPromotesWithoutTouchingTheSamlRing() throws Exception {
        run("keys", "generate", "--algorithm", "rsa-2048", "--data-dir", data());
        CommandRun generate = run("keys", "generate", "--ring", "oidc", "--data-dir", data());
        assertThat(generate.exitCode()).as(generate.toString()).isZero();
        assertThat(generate.out()).contains("(RSA-2048, valid until").contains(dir.resolve("data/keys/oidc-signing.p12")
                .toString());

        CommandRun rotate = run("keys", "rotate", "--ring", "oidc", "--data-dir", data());
        assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
        assertThat(rotate.out()).contains("restart the IdP: the JWKS then publishes it")
                .contains("stsbridge keys promote --ring oidc");
        KeyRing oidc = new KeyRingStore(dir.resolve("data"), Map.of(), KeyRingStore.OIDC_STORE_FILE).load();
        assertThat(oidc.next()).isPresent();
        assertThat(new KeyRingStore(dir.resolve("data"), Map.of()).load().next()).isEmpty();

        CommandRun list = run("keys", "list", "--ring", "oidc", "--data-dir", data());
        assertThat(list.out().lines().map(l -> l.split("\\s+")[0]).toList()).containsExactly("ROLE", "current", "next");

        CommandRun promote = run("keys", "promote", "--ring", "oidc", "--data-dir", data());
        assertThat(promote.exitCode()).as(promote.toString()).isZero();
        KeyRing promoted = new KeyRingStore(dir.resolve("data"), Map.of(), KeyRingStore.OIDC_STORE_FILE).load();
        assertThat(promoted.current().id()).isEqualTo(oidc.next().orElseThrow().id());
        assertThat(promoted.retired()).extracting(k -> k.id()).containsExactly(oidc.current().id());
    }

    @Test
    void oidcRingRefusesAnEcKeyBecauseIdTokensAreRs256() {
        CommandRun generate = run("keys", "generate", "--ring", "oidc", "--algorithm", "ec-p256", "--data-dir", data());
        assertThat(generate.exitCode()).isNotZero();
        assertThat(generate.err()).contains("the oidc ring signs RS256 ID tokens and needs an RSA key, not EC-P256");
        assertThat(Files.exists(dir.resolve("data/keys/oidc-signing.p12"))).isFalse();
    }

    @Test
    void unknownRingIsAUsageError() {
        CommandRun list = run("keys", "list", "--ring", "x509", "--data-dir", data());
        assertThat(list.exitCode()).isNotZero();
        assertThat(list.err()).contains("expected saml or oidc, was 'x509'");
    }
}
