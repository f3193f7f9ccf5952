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
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

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
    void policiesAndRolePermissionsSurviveARestartInFormatVersion2() throws IOException {
        Path dataDir = Verifier.newDataDir();
        AccountPolicy policy;
        RolePermissions permissions;
        String roleArn;
        try (Verifier first = Verifier.start(Clock.systemUTC(), dataDir)) {
            policy = first.app.managedPolicies().create(PROD, new ManagedPolicies.NewPolicy("Readers",
                    Optional.of("/team/"), POLICY, Optional.of("read"), List.of(new Tag("env", "prod"))));
            first.app.managedPolicies().createVersion(PROD, policy.policy().arn(), POLICY.replace("Get", "Put"), true);
            first.app.managedPolicies().createVersion(PROD, policy.policy().arn(), POLICY, false);
            first.app.managedPolicies().deleteVersion(PROD, policy.policy().arn(), "v3");
            roleArn = first.app.roles().create(PROD, new NewRole("Worker", Optional.empty(), TRUST, Optional.empty(),
                    Optional.empty(), Optional.of(AwsManagedPolicies.POWER_USER_ACCESS), List.of())).role().arn();
            first.app.rolePolicies().attach(PROD, "Worker", policy.policy().arn());
            first.app.rolePolicies().attach(PROD, "Worker", AwsManagedPolicies.ADMINISTRATOR_ACCESS);
            first.app.rolePolicies().put(PROD, "Worker", "inline", POLICY);
            first.app.roles().tag(PROD, "Worker", List.of(new Tag("team", "blue")));
            permissions = first.app.core().iam().permissions(roleArn);
        }
        assertThat(Files.readString(dataDir.resolve("verifier/state.json"))).contains("\"version\" : 4");

        try (Verifier second = Verifier.start(Clock.systemUTC(), dataDir)) {
            AccountPolicy reloaded = second.app.managedPolicies().get(PROD, policy.policy().arn());
            assertThat(reloaded.policy()).isEqualTo(second.app.managedPolicies().get(PROD, policy.policy().arn())
                    .policy());
            assertThat(reloaded.policy().policyId()).isEqualTo(policy.policy().policyId());
            assertThat(reloaded.policy().defaultVersionId()).isEqualTo("v2");
            assertThat(reloaded.policy().versions()).extracting(PolicyVersion::versionId).containsExactly("v1", "v2");
            assertThat(reloaded.policy().nextVersion()).isEqualTo(4);
            assertThat(reloaded.policy().description()).contains("read");
            assertThat(reloaded.policy().tags()).containsExactly(new Tag("env", "prod"));
            assertThat(reloaded.attachmentCount()).isEqualTo(1);
            assertThat(second.app.core().iam().permissions(roleArn)).isEqualTo(permissions);
            assertThat(permissions.identityPolicies()).hasSize(3);
            assertThat(permissions.boundary()).isPresent();
            assertThat(second.app.core().iam().role(roleArn).orElseThrow().tags()).containsEntry("team", "blue");
        }
    }

    @Test
    void aVersion1StateFileStillLoads() throws IOException {
        Path dataDir = Verifier.newDataDir();
        Path state = Files.createDirectories(dataDir.resolve("verifier")).resolve("state.json");
        Files.writeString(state, """
                {
                  "version" : 1,
                  "providers" : [ ],
                  "roles" : [ {
                    "accountId" : "111122223333",
                    "name" : "Legacy",
                    "path" : "/old/",
                    "roleId" : "AROAABCDEFGHIJKLMNOPQ",
                    "assumeRolePolicyDocument" : "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}",
                    "description" : "from version 1",
                    "maxSessionDuration" : 7200,
                    "createDate" : "2026-01-02T03:04:05Z",
                    "tags" : [ { "key" : "env", "value" : "prod" } ]
                  } ]
                }
                """);

        try (Verifier verifier = Verifier.start(Clock.systemUTC(), dataDir)) {
            RoleEntry legacy = verifier.app.roles().get(PROD, "Legacy");
            assertThat(legacy.role().arn()).isEqualTo("arn:aws:iam::111122223333:role/old/Legacy");
            assertThat(legacy.role().assumeRolePolicyDocument()).isEqualTo(TRUST);
            assertThat(legacy.role().maxSessionDurationSeconds()).isEqualTo(7200);
            assertThat(legacy.description()).contains("from version 1");
            assertThat(legacy.role().tags()).containsEntry("env", "prod");
            assertThat(legacy.inlinePolicies()).isEmpty();
            assertThat(legacy.attachedPolicyArns()).isEmpty();
            assertThat(legacy.permissionsBoundary()).isEmpty();
            assertThat(verifier.app.core().iam().permissions(legacy.role().arn())).isEqualTo(RolePermissions.NONE);

            verifier.app.rolePolicies().put(PROD, "Legacy", "inline", POLICY);
        }
        assertThat(Files.readString(state)).contains("\"version\" : 4").contains("\"inlinePolicies\"");
    }

    @Test
    void aStateFileOfAnUnknownFutureVersionStopsTheStart() throws IOException {
        Path dataDir = Verifier.newDataDir();
        Path state = Files.createDirectories(dataDir.resolve("verifier")).resolve("state.json");
        Files.writeString(state, "{\"version\":5,\"providers\":[],\"roles\":[],\"policies\":[]}");

        assertThatThrownBy(() -> Verifier.start(Clock.systemUTC(), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown state format version 5");
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
