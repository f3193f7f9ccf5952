package dev.stsbridge.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stsbridge.tests.support.AwsCli;
import dev.stsbridge.tests.support.LocalAws;
import dev.stsbridge.verifier.iam.Totp;

/**
 * The rest of STS with Debian's AWS CLI against the verifier in process: users, keys and virtual MFA devices
 * (create-virtual-mfa-device's Base32 seed file, enable-mfa-device with two codes), MFA on get-session-token and
 * assume-role (a wrong code refused), an untrusted account refused, get-access-key-info and get-caller-identity for
 * every kind of credential.
 */
class StsAwsCliTest {

    @TempDir
    static Path tmp;
    private static LocalAws aws;
    private static AwsCli prod;
    private static AwsCli dev;

    @BeforeAll
    static void start() {
        aws = LocalAws.start(tmp.resolve("data"), Clock.systemUTC());
        prod = AwsCli.against(aws.endpoint(), tmp).withKeys(LocalAws.PROD_ACCESS_KEY, LocalAws.PROD_SECRET);
        dev = AwsCli.against(aws.endpoint(), tmp).withKeys(LocalAws.DEV_ACCESS_KEY, LocalAws.DEV_SECRET);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private static JsonNode ok(AwsCli cli, String... arguments) {
        AwsCli.Run run = cli.run(arguments);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.stdout().isBlank() ? null : run.json();
    }

    private static String refused(AwsCli cli, String... arguments) {
        AwsCli.Run run = cli.run(arguments);
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        return run.stderr();
    }

    private static AwsCli as(AwsCli base, JsonNode credentials) {
        return credentials.has("SessionToken")
                ? base.withSessionCredentials(credentials.get("AccessKeyId").asText(),
                        credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText())
                : base.withKeys(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText());
    }

    @Test
    void mfaProtectedRoleWithTheCliVirtualDeviceAndAWrongCodeRefused() throws Exception {
        ok(prod, "iam", "create-user", "--user-name", "mfa-cli");
        ok(prod, "iam", "put-user-policy", "--user-name", "mfa-cli", "--policy-name", "assume", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"*\"}]}");
        AwsCli user = as(prod, ok(prod, "iam", "create-access-key", "--user-name", "mfa-cli").get("AccessKey"));
        Path seedFile = tmp.resolve("seed.txt");
        String serial = ok(prod, "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "mfa-cli",
                "--outfile", seedFile.toString(), "--bootstrap-method", "Base32StringSeed")
                .at("/VirtualMFADevice/SerialNumber").asText();
        String seed = Files.readString(seedFile).trim();
        long step = Totp.step(Instant.now());
        String wrongPair = refused(prod, "iam", "enable-mfa-device", "--user-name", "mfa-cli", "--serial-number",
                serial, "--authentication-code1", Totp.code(seed, step), "--authentication-code2",
                Totp.code(seed, step - 1));
        assertThat(wrongPair).contains("(InvalidAuthenticationCode)").contains("Authentication code for device is not valid.");
        ok(prod, "iam", "enable-mfa-device", "--user-name", "mfa-cli", "--serial-number", serial,
                "--authentication-code1", Totp.code(seed, step - 1), "--authentication-code2", Totp.code(seed, step));
        assertThat(ok(prod, "iam", "list-mfa-devices", "--user-name", "mfa-cli").at("/MFADevices/0/SerialNumber")
                .asText()).isEqualTo(serial);
        ok(prod, "iam", "create-role", "--role-name", "MfaCli", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"111122223333\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":"
                        + "{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}");
        String role = "arn:aws:iam::111122223333:role/MfaCli";

        assertThat(refused(user, "sts", "assume-role", "--role-arn", role, "--role-session-name", "nomfa"))
                .contains("(AccessDenied)").contains("is not authorized to perform: sts:AssumeRole on resource: " + role);
        String good = Totp.code(seed, Totp.step(Instant.now()) + 1);
        String wrong = good.equals("000000") ? "111111" : "000000";
        assertThat(refused(user, "sts", "assume-role", "--role-arn", role, "--role-session-name", "withmfa",
                "--serial-number", serial, "--token-code", wrong)).contains("(AccessDenied) when calling the "
                + "AssumeRole operation: MultiFactorAuthentication failed with invalid MFA one time pass code.");
        assertThat(refused(user, "sts", "get-session-token", "--serial-number", serial, "--token-code", wrong))
                .contains("MultiFactorAuthentication failed, unable to validate MFA code.");
        JsonNode assumed = ok(user, "sts", "assume-role", "--role-arn", role, "--role-session-name", "withmfa",
                "--serial-number", serial, "--token-code", good);
        assertThat(ok(as(prod, assumed.get("Credentials")), "sts", "get-caller-identity").get("Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/MfaCli/withmfa");
    }

    @Test
    void anUntrustedAccountIsRefusedAndEveryKindOfCredentialHasItsIdentity() {
        ok(dev, "iam", "create-user", "--user-name", "outsider");
        ok(dev, "iam", "put-user-policy", "--user-name", "outsider", "--policy-name", "all", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\","
                        + "\"sts:GetFederationToken\"],\"Resource\":\"*\"}]}");
        JsonNode key = ok(dev, "iam", "create-access-key", "--user-name", "outsider").get("AccessKey");
        AwsCli outsider = as(dev, key);
        ok(prod, "iam", "create-role", "--role-name", "ProdOnly", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}");

        assertThat(refused(outsider, "sts", "assume-role", "--role-arn", "arn:aws:iam::111122223333:role/ProdOnly",
                "--role-session-name", "x1")).contains("(AccessDenied) when calling the AssumeRole operation: User: "
                + "arn:aws:iam::444455556666:user/outsider is not authorized to perform: sts:AssumeRole on resource: "
                + "arn:aws:iam::111122223333:role/ProdOnly");
        assertThat(ok(outsider, "sts", "get-caller-identity").get("Arn").asText())
                .isEqualTo("arn:aws:iam::444455556666:user/outsider");
        JsonNode session = ok(outsider, "sts", "get-session-token", "--duration-seconds", "900").get("Credentials");
        assertThat(ok(as(dev, session), "sts", "get-caller-identity").get("Arn").asText())
                .isEqualTo("arn:aws:iam::444455556666:user/outsider");
        JsonNode federated = ok(outsider, "sts", "get-federation-token", "--name", "visitor").get("Credentials");
        assertThat(ok(as(dev, federated), "sts", "get-caller-identity").get("Arn").asText())
                .isEqualTo("arn:aws:sts::444455556666:federated-user/visitor");
        assertThat(refused(as(dev, session), "sts", "get-session-token"))
                .contains("Cannot call GetSessionToken with session credentials");
        assertThat(ok(prod, "sts", "get-access-key-info", "--access-key-id", key.get("AccessKeyId").asText())
                .get("Account").asText()).isEqualTo(LocalAws.DEV);
        assertThat(ok(prod, "sts", "get-caller-identity").get("Arn").asText())
                .isEqualTo("arn:aws:iam::111122223333:root");
    }
}
