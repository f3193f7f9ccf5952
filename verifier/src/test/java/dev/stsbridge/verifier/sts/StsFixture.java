package dev.stsbridge.verifier.sts;

import java.time.Instant;

import dev.stsbridge.verifier.iam.Totp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Users, keys, MFA devices and roles set up through the real SDK, for the STS tests. */
final class StsFixture {
    static final String ALLOW_ASSUME_ANY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"],\"Resource\":\"*\"}]}";

    private final Verifier verifier;

    StsFixture(Verifier verifier) {
        this.verifier = verifier;
    }

    /** A new user with an access key in the account of {@code root}, optionally with an inline policy. */
    AwsCredentials user(IamClient root, String name, String inlinePolicy) {
        root.createUser(r -> r.userName(name));
        if (inlinePolicy != null) {
            root.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(inlinePolicy));
        }
        var key = root.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    static String trust(String principal, String actions, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":" + actions + (condition == null ? "" : ",\"Condition\":" + condition)
                + "}]}";
    }

    static String trust(String principal) {
        return trust(principal, "[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]", null);
    }

    String role(IamClient root, String name, String trustPolicy, int maxSessionDuration) {
        return root.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trustPolicy)
                .maxSessionDuration(maxSessionDuration)).role().arn();
    }

    StsClient sts(AwsCredentials credentials) {
        return verifier.sts(credentials);
    }

    StsClient sts(Credentials c) {
        return verifier.sts(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    /** A virtual MFA device enabled for the user; returns its serial and Base32 seed. */
    String[] mfa(IamClient root, String user, Instant now) {
        var device = root.createVirtualMFADevice(r -> r.virtualMFADeviceName(user + "-mfa")).virtualMFADevice();
        String seed = device.base32StringSeed().asUtf8String();
        long step = Totp.step(now);
        root.enableMFADevice(r -> r.userName(user).serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, step - 1)).authenticationCode2(Totp.code(seed, step)));
        return new String[] {device.serialNumber(), seed};
    }

    /** The next unused code: the one of the step after now (within the accepted window). */
    static String nextCode(String seed, Instant now) {
        return Totp.code(seed, Totp.step(now) + 1);
    }
}
