package dev.stsbridge.verifier.iam;

import static dev.stsbridge.verifier.testing.SignedRequests.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.iam.Roles.NewRole;
import dev.stsbridge.verifier.iam.SamlProviders.NewProvider;
import dev.stsbridge.verifier.testing.AwsReply;
import dev.stsbridge.verifier.testing.SignedRequests;
import dev.stsbridge.verifier.testing.SignedRequests.Signing;
import dev.stsbridge.verifier.testing.TestMetadata;
import dev.stsbridge.verifier.testing.TestPki;
import dev.stsbridge.verifier.testing.Verifier;

/** The IAM state survives a restart, is written atomically and owner-only, and a failed write changes nothing. */
class StatePersistenceTest {

    private static final IamCaller PROD = IamCaller.root("111122223333", "Test");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    @Test
    void providersRolesAndKeysSurviveARestart() throws IOException {
        Path dataDir = Verifier.newDataDir();
        SamlProvider provider;
        IamRole role;
        try (Verifier first = Verifier.start(Clock.systemUTC(), dataDir)) {
            provider = first.app.samlProviders().create(PROD, new NewProvider("stsbridge", TestMetadata.standard(),
                    List.of(new Tag("b", "2"), new Tag("a", "1")), Optional.of(AssertionEncryptionMode.Required),
                    Optional.of(TestPki.pkcs8Pem(TestPki.rsa2048().getPrivate())))).provider();
            role = first.app.roles().create(PROD, new NewRole("Admin", Optional.of("/saml/"), TRUST,
                    Optional.of("admins"), Optional.of(7200), Optional.empty(), List.of(new Tag("env", "prod"))))
                    .role();
        }
        Path state = dataDir.resolve("verifier/state.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");

        try (Verifier second = Verifier.start(Clock.systemUTC(), dataDir)) {
            SamlProvider reloaded = second.app.core().iam().samlProvider(provider.arn()).orElseThrow();
            assertThat(reloaded.uuid()).isEqualTo(provider.uuid());
            assertThat(reloaded.metadataDocument()).isEqualTo(provider.metadataDocument());
            assertThat(reloaded.signingCertificates()).isEqualTo(provider.signingCertificates());
            assertThat(reloaded.encryptionMode()).isEqualTo(AssertionEncryptionMode.Required);
            assertThat(reloaded.privateKeys()).extracting(ProviderPrivateKey::keyId)
                    .containsExactly(provider.privateKeys().get(0).keyId());
            assertThat(reloaded.privateKeys().get(0).key().getEncoded())
                    .isEqualTo(provider.privateKeys().get(0).key().getEncoded());
            assertThat(reloaded.createDate()).isEqualTo(provider.createDate());
            assertThat(second.app.samlProviders().get(PROD, provider.arn()).tags())
                    .containsExactly(new Tag("b", "2"), new Tag("a", "1"));
            assertThat(second.app.core().iam().role(role.arn())).contains(role);
            assertThat(second.app.roles().get(PROD, "Admin").description()).contains("admins");
        }
    }

    @Test
    void aLeftoverTempFileOfACrashedWriteDoesNotStopTheStart() throws IOException {
        Path dataDir = Verifier.newDataDir();
        try (Verifier first = Verifier.start(Clock.systemUTC(), dataDir)) {
            first.app.roles().create(PROD, new NewRole("Kept", Optional.empty(), TRUST, Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of()));
        }
        Path leftover = Files.writeString(dataDir.resolve("verifier/.state.json.tmp-42"), "{\"version\":1,\"provi");

        try (Verifier second = Verifier.start(Clock.systemUTC(), dataDir)) {
            assertThat(second.app.roles().get(PROD, "Kept").role().name()).isEqualTo("Kept");
            assertThat(leftover).doesNotExist();
        }
    }

    @Test
    void aCorruptStateFileStopsTheStartNamingTheFile() throws IOException {
        Path dataDir = Verifier.newDataDir();
        Path state = Files.createDirectories(dataDir.resolve("verifier")).resolve("state.json");
        Files.writeString(state, "{\"version\":1,\"providers\":[");

        assertThatThrownBy(() -> Verifier.start(Clock.systemUTC(), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot load the verifier state " + state);
    }

    @Test
    void whenTheStateCannotBeSavedTheChangeIsNotAppliedAndIamAnswersServiceFailure() throws IOException {
        Path dataDir = Verifier.newDataDir();
        try (Verifier verifier = Verifier.start(Clock.systemUTC(), dataDir)) {
            Path blocked = Files.createDirectories(dataDir.resolve("verifier/state.json"));
            Files.writeString(blocked.resolve("occupied"), "a directory where the state file should be");

            AwsReply reply = SignedRequests.post(verifier.endpoint(), form("Action", "CreateRole",
                    "Version", "2010-05-08", "RoleName", "Lost", "AssumeRolePolicyDocument", TRUST),
                    Signing.account(Verifier.PROD_KEY, Verifier.PROD_SECRET, "iam", Instant.now()));

            assertThat(reply.status()).as(reply.body()).isEqualTo(500);
            assertThat(reply.code()).isEqualTo("ServiceFailure");
            assertThat(reply.text("Type")).isEqualTo("Receiver");
            assertThat(verifier.app.core().iam().role("arn:aws:iam::111122223333:role/Lost")).isEmpty();
        }
    }

    @Test
    void aFailingSaverLeavesTheSnapshotUnchanged() {
        IamStore store = new IamStore(IamSnapshot.empty(), snapshot -> {
            throw new IOException("disk full");
        });
        Roles roles = new Roles(store, document -> { }, new IamIds(), Clock.systemUTC());

        assertThatThrownBy(() -> roles.create(PROD, new NewRole("Lost", Optional.empty(), TRUST, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of())))
                .isInstanceOf(IamStore.StateNotSaved.class).hasMessageContaining("disk full");
        assertThat(store.snapshot().roles(PROD.accountId())).isEmpty();
    }
}
