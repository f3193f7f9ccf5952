package dev.stsbridge.verifier.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.iam.Totp;
import dev.stsbridge.verifier.testing.MutableClock;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** IAM users, access keys and virtual MFA devices through the real SDK; SigV4 then authenticates as the user. */
class UsersSdkTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static Verifier verifier;
    private static IamClient prod;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(CLOCK);
        prod = verifier.prodIam();
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static void assertIamError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void usersAreCreatedListedTaggedAndDeletedOnlyWhenNothingIsLeftOnThem() {
        var created = prod.createUser(r -> r.userName("erin").path("/eng/").tags(t -> t.key("team").value("blue")))
                .user();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::111122223333:user/eng/erin");
        assertThat(created.userId()).matches("AIDA[A-Z0-9]{17}");
        assertThat(prod.getUser(r -> r.userName("ERIN")).user().tags()).extracting(t -> t.value()).containsExactly("blue");
        assertThat(prod.listUsers().users()).extracting(u -> u.userName()).contains("erin");
        assertIamError(() -> prod.createUser(r -> r.userName("Erin")), "EntityAlreadyExists",
                "User with name Erin already exists.");
        prod.tagUser(r -> r.userName("erin").tags(t -> t.key("TEAM").value("red")));
        assertThat(prod.listUserTags(r -> r.userName("erin")).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("TEAM=red");

        AccessKey key = prod.createAccessKey(r -> r.userName("erin")).accessKey();
        prod.putUserPolicy(r -> r.userName("erin").policyName("p").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}"));
        assertIamError(() -> prod.deleteUser(r -> r.userName("erin")), "DeleteConflict",
                "Cannot delete entity, must delete access keys first.");
        prod.deleteAccessKey(r -> r.userName("erin").accessKeyId(key.accessKeyId()));
        assertIamError(() -> prod.deleteUser(r -> r.userName("erin")), "DeleteConflict",
                "Cannot delete entity, must delete policies first.");
        prod.deleteUserPolicy(r -> r.userName("erin").policyName("p"));
        prod.deleteUser(r -> r.userName("erin"));
        assertIamError(() -> prod.getUser(r -> r.userName("erin")), "NoSuchEntity",
                "The user with name erin cannot be found.");
    }

    @Test
    void anAccessKeySignsAsTheUserWhosePoliciesDecideWhatItMayDo() {
        prod.createUser(r -> r.userName("frank"));
        AccessKey key = prod.createAccessKey(r -> r.userName("frank")).accessKey();
        assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(prod.listAccessKeys(r -> r.userName("frank")).accessKeyMetadata())
                .singleElement().satisfies(m -> assertThat(m.accessKeyId()).isEqualTo(key.accessKeyId()));
        AwsBasicCredentials frank = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());

        try (StsClient sts = verifier.sts(frank); IamClient iam = verifier.iam(frank, Region.US_EAST_1)) {
            var identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::111122223333:user/frank");
            assertThat(identity.userId()).isEqualTo(prod.getUser(r -> r.userName("frank")).user().userId());
            assertIamError(() -> iam.listRoles(), "AccessDenied", "User: arn:aws:iam::111122223333:user/frank is not "
                    + "authorized to perform: iam:ListRoles on resource: arn:aws:iam::111122223333:role/ because no "
                    + "identity-based policy allows the iam:ListRoles action");
            prod.attachUserPolicy(r -> r.userName("frank").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            assertThat(iam.getUser().user().userName()).isEqualTo("frank");
            assertThat(iam.listRoles().roles()).isEmpty();
        }
        prod.updateAccessKey(r -> r.userName("frank").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        try (StsClient sts = verifier.sts(frank)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        prod.createAccessKey(r -> r.userName("frank"));
        assertIamError(() -> prod.createAccessKey(r -> r.userName("frank")), "LimitExceeded",
                "Cannot exceed quota for AccessKeysPerUser: 2");
    }

    @Test
    void aVirtualMfaDeviceIsEnabledWithTwoConsecutiveCodesOnly() {
        prod.createUser(r -> r.userName("gina"));
        VirtualMFADevice device = prod.createVirtualMFADevice(r -> r.virtualMFADeviceName("gina-phone"))
                .virtualMFADevice();
        assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::111122223333:mfa/gina-phone");
        String seed = device.base32StringSeed().asUtf8String();
        assertThat(seed).matches("[A-Z2-7]{32}");
        long step = Totp.step(CLOCK.instant());

        assertIamError(() -> prod.enableMFADevice(r -> r.userName("gina").serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, step)).authenticationCode2(Totp.code(seed, step - 1))),
                "InvalidAuthenticationCode", "Authentication code for device is not valid.");
        assertIamError(() -> prod.enableMFADevice(r -> r.userName("gina").serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, step - 9)).authenticationCode2(Totp.code(seed, step - 8))),
                "InvalidAuthenticationCode", "Authentication code for device is not valid.");
        prod.enableMFADevice(r -> r.userName("gina").serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, step - 1)).authenticationCode2(Totp.code(seed, step)));

        assertThat(prod.listMFADevices(r -> r.userName("gina")).mfaDevices()).singleElement()
                .satisfies(d -> assertThat(d.serialNumber()).isEqualTo(device.serialNumber()));
        assertIamError(() -> prod.deleteUser(r -> r.userName("gina")), "DeleteConflict",
                "Cannot delete entity, must delete MFA device first.");
        prod.deactivateMFADevice(r -> r.userName("gina").serialNumber(device.serialNumber()));
        assertThat(prod.listMFADevices(r -> r.userName("gina")).mfaDevices()).isEmpty();
        prod.deleteVirtualMFADevice(r -> r.serialNumber(device.serialNumber()));
        prod.deleteUser(r -> r.userName("gina"));
    }

    @Test
    void usersKeysAndMfaDevicesSurviveARestart() {
        java.nio.file.Path dir = Verifier.newDataDir();
        String keyId;
        try (Verifier first = Verifier.start(CLOCK, dir); IamClient iam = first.prodIam()) {
            iam.createUser(r -> r.userName("hank"));
            AccessKey key = iam.createAccessKey(r -> r.userName("hank")).accessKey();
            keyId = key.accessKeyId();
            iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("hank-mfa"));
        }
        try (Verifier second = Verifier.start(CLOCK, dir); IamClient iam = second.prodIam()) {
            assertThat(iam.listAccessKeys(r -> r.userName("hank")).accessKeyMetadata())
                    .extracting(m -> m.accessKeyId()).containsExactly(keyId);
            assertThat(iam.listVirtualMFADevices().virtualMFADevices()).extracting(d -> d.serialNumber())
                    .containsExactly("arn:aws:iam::111122223333:mfa/hank-mfa");
        }
    }
}
