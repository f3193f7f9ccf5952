package dev.stsbridge.keys;

import static dev.stsbridge.keys.SecureFilesTest.filesIn;
import static dev.stsbridge.keys.SecureFilesTest.mode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingStoreTest {

    private static final String ENTITY_ID = "http://127.0.0.1:8080/saml2/metadata";
    private static SigningKey first;
    private static SigningKey second;
    private static SigningKey ecKey;

    @TempDir
    Path data;

    @BeforeAll
    static void generateKeysOnce() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        first = generator(t).generate(KeyAlgorithm.RSA_2048, ENTITY_ID, Duration.ofDays(365));
        second = generator(t.plusSeconds(60)).generate(KeyAlgorithm.RSA_2048, ENTITY_ID, Duration.ofDays(365));
        ecKey = generator(t.plusSeconds(120)).generate(KeyAlgorithm.EC_P256, ENTITY_ID, Duration.ofDays(365));
    }

    private static SigningKeyGenerator generator(Instant now) {
        return new SigningKeyGenerator(Clock.fixed(now, ZoneOffset.UTC));
    }

    private KeyRingStore store(Map<String, String> environment) {
        return new KeyRingStore(data, environment);
    }

    @Test
    void saveThenLoadGivesTheSameKeysIdsAndRoles() {
        KeyRing ring = new KeyRing(second, Optional.of(ecKey), List.of(first));
        store(Map.of()).save(ring);

        KeyRing loaded = store(Map.of()).load();

        assertSameKey(loaded.current(), second);
        assertSameKey(loaded.next().orElseThrow(), ecKey);
        assertThat(loaded.retired()).hasSize(1);
        assertSameKey(loaded.retired().get(0), first);
    }

    @Test
    void retiredKeysComeBackOldestFirst() {
        store(Map.of()).save(new KeyRing(ecKey, Optional.empty(), List.of(first, second)));
        assertThat(store(Map.of()).load().retired()).extracting(SigningKey::id).containsExactly(first.id(), second.id());
    }

    @Test
    void saveCreatesStoreAndGeneratedPasswordWithMode0600InA0700Directory() throws IOException {
        KeyRingStore store = store(Map.of());
        store.save(new KeyRing(first, Optional.empty(), List.of()));

        assertThat(store.storeFile()).isEqualTo(data.resolve("keys/idp-signing.p12"));
        assertThat(mode(store.storeFile())).isEqualTo("rw-------");
        assertThat(mode(store.passwordFile())).isEqualTo("rw-------");
        assertThat(mode(data.resolve("keys"))).isEqualTo("rwx------");
        String password = Files.readString(store.passwordFile()).strip();
        assertThat(password).matches("[A-Za-z0-9_-]{43}");  // 256 bits, URL-safe
        assertThat(filesIn(data.resolve("keys"))).containsExactly("idp-signing.p12", "keystore.password");
    }

    @Test
    void generatedPasswordIsKeptAcrossSaves() throws IOException {
        KeyRingStore store = store(Map.of());
        store.save(new KeyRing(first, Optional.empty(), List.of()));
        String password = Files.readString(store.passwordFile());
        store.save(new KeyRing(first, Optional.of(second), List.of()));
        assertThat(Files.readString(store.passwordFile())).isEqualTo(password);
        assertThat(store.load().next()).isPresent();
    }

    @Test
    void passwordFromTheEnvironmentIsUsedAndNoPasswordFileIsWritten() {
        Map<String, String> environment = Map.of("STSBRIDGE_KEYSTORE_PASSWORD", "correct horse battery staple");
        store(environment).save(new KeyRing(first, Optional.empty(), List.of()));

        assertThat(data.resolve("keys/keystore.password")).doesNotExist();
        assertSameKey(store(environment).load().current(), first);
        assertThat(store(environment).passwordSource()).isEqualTo("the environment variable STSBRIDGE_KEYSTORE_PASSWORD");
    }

    @Test
    void loadWithWrongPasswordFromTheEnvironmentThenWrongPassword() {
        store(Map.of("STSBRIDGE_KEYSTORE_PASSWORD", "right")).save(new KeyRing(first, Optional.empty(), List.of()));

        assertThatThrownBy(() -> store(Map.of("STSBRIDGE_KEYSTORE_PASSWORD", "wrong")).load())
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.WRONG_PASSWORD))
                .hasMessage("wrong password for the key store " + data.resolve("keys/idp-signing.p12")
                        + " (password from the environment variable STSBRIDGE_KEYSTORE_PASSWORD)");
    }

    @Test
    void loadWithEmptyPasswordVariableThenNoPassword() {
        store(Map.of()).save(new KeyRing(first, Optional.empty(), List.of()));
        assertThatThrownBy(() -> store(Map.of("STSBRIDGE_KEYSTORE_PASSWORD", "")).load())
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.NO_PASSWORD))
                .hasMessage("STSBRIDGE_KEYSTORE_PASSWORD is set but empty");
    }

    @Test
    void loadWhenPasswordFileIsGoneThenNoPasswordNamingBothSources() throws IOException {
        KeyRingStore store = store(Map.of());
        store.save(new KeyRing(first, Optional.empty(), List.of()));
        Files.delete(store.passwordFile());

        assertThatThrownBy(store::load)
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.NO_PASSWORD))
                .hasMessage("the key store " + store.storeFile() + " exists but its password is missing: set "
                        + "STSBRIDGE_KEYSTORE_PASSWORD or restore " + store.passwordFile());
    }

    @Test
    void loadWhenStoreIsTruncatedThenCorrupt() throws IOException {
        KeyRingStore store = store(Map.of());
        store.save(new KeyRing(first, Optional.empty(), List.of()));
        byte[] whole = Files.readAllBytes(store.storeFile());
        Files.write(store.storeFile(), Arrays.copyOf(whole, whole.length / 2));

        assertCorrupt(store);
    }

    @Test
    void loadWhenStoreIsGarbageThenCorrupt() throws IOException {
        KeyRingStore store = store(Map.of());
        store.save(new KeyRing(first, Optional.empty(), List.of()));
        Files.writeString(store.storeFile(), "this is not a PKCS#12 file at all\n");

        assertCorrupt(store);
    }

    @Test
    void loadWhenStoreIsEmptyThenCorrupt() throws IOException {
        KeyRingStore store = store(Map.of());
        store.save(new KeyRing(first, Optional.empty(), List.of()));
        Files.write(store.storeFile(), new byte[0]);

        assertCorrupt(store);
    }

    @Test
    void loadWhenThereIsNoStoreThenMissingWithTheCommandToRun() {
        assertThatThrownBy(() -> store(Map.of()).load())
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.MISSING))
                .hasMessage("no key store at " + data.resolve("keys/idp-signing.p12") + ": run `stsbridge keys generate`");
    }

    @Test
    void saveWhenDirectoryIsNotWritableThenIoErrorAndNothingWritten() throws IOException {
        Path unwritable = unwritableDataDirectory();
        KeyRingStore store = new KeyRingStore(unwritable, Map.of());

        assertThatThrownBy(() -> store.save(new KeyRing(first, Optional.empty(), List.of())))
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.IO))
                .hasMessageStartingWith("cannot write the key store " + store.storeFile() + ": ");
        assertThat(Files.exists(store.storeFile())).isFalse();
    }

    /**
     * A data directory the store cannot write to: read-only for ordinary users; as root (who may write anyway)
     * a path below a regular file.
     */
    private Path unwritableDataDirectory() throws IOException {
        Path readOnly = Files.createDirectory(data.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        if (!Files.isWritable(readOnly)) {
            return readOnly;
        }
        return Files.writeString(data.resolve("plain-file"), "x").resolve("data");
    }

    private static void assertCorrupt(KeyRingStore store) {
        assertThatThrownBy(store::load)
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.CORRUPT))
                .hasMessage("cannot read the key store " + store.storeFile()
                        + ": it is truncated or damaged (not a readable PKCS#12 file)");
    }

    private static void assertSameKey(SigningKey actual, SigningKey expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.algorithm()).isEqualTo(expected.algorithm());
        assertThat(actual.certificate()).isEqualTo(expected.certificate());
        assertThat(actual.privateKey().getEncoded()).isEqualTo(expected.privateKey().getEncoded());
    }
}
