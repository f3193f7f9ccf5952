package dev.stsbridge.verifier.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stsbridge.verifier.testing.AwsCli;
import dev.stsbridge.verifier.testing.Verifier;

/**
 * The Debian AWS CLI's {@code cognito-identity} commands against the verifier: create a pool with unauthenticated
 * access, set its role, then {@code get-id}, {@code get-open-id-token} (exchanged with
 * {@code sts assume-role-with-web-identity}) and {@code get-credentials-for-identity}.
 */
class CognitoCliTest {

    @TempDir
    static Path home;

    private static Verifier verifier;
    private static AwsCli aws;
    private static String poolId;

    @BeforeAll
    static void start() throws Exception {
        verifier = Verifier.start(Clock.systemUTC());
        aws = new AwsCli(verifier, home);
        AwsCli.Run pool = aws.run("cognito-identity", "create-identity-pool", "--identity-pool-name", "CliPool",
                "--allow-unauthenticated-identities", "--allow-classic-flow");
        assertThat(pool.exitCode()).as(pool.stderr()).isZero();
        poolId = pool.json().get("IdentityPoolId").asText();
        AwsCli.Run role = aws.run("iam", "create-role", "--role-name", "Guest", "--assume-role-policy-document",
                CognitoSdkTest.trust(poolId, "unauthenticated"));
        assertThat(role.exitCode()).as(role.stderr()).isZero();
        AwsCli.Run roles = aws.run("cognito-identity", "set-identity-pool-roles", "--identity-pool-id", poolId,
                "--roles", "unauthenticated=arn:aws:iam::111122223333:role/Guest");
        assertThat(roles.exitCode()).as(roles.stderr()).isZero();
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static String identity() throws Exception {
        AwsCli.Run id = aws.run("cognito-identity", "get-id", "--identity-pool-id", poolId);
        assertThat(id.exitCode()).as(id.stderr()).isZero();
        return id.json().get("IdentityId").asText();
    }

    @Test
    void getCredentialsForIdentityGivesCredentialsOfThePoolsRole() throws Exception {
        String identityId = identity();
        AwsCli.Run got = aws.run("cognito-identity", "get-credentials-for-identity", "--identity-id", identityId);
        assertThat(got.exitCode()).as(got.stderr()).isZero();
        JsonNode c = got.json().get("Credentials");

        AwsCli.Run me = aws.run(Map.of("AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", c.get("SecretKey").asText(), "AWS_SESSION_TOKEN",
                c.get("SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(me.exitCode()).as(me.stderr()).isZero();
        assertThat(me.json().get("Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Guest/CognitoIdentityCredentials");
    }

    @Test
    void getOpenIdTokenThenAssumeRoleWithWebIdentity() throws Exception {
        String identityId = identity();
        AwsCli.Run token = aws.run("cognito-identity", "get-open-id-token", "--identity-id", identityId);
        assertThat(token.exitCode()).as(token.stderr()).isZero();

        AwsCli.Run assumed = aws.run("sts", "assume-role-with-web-identity", "--role-arn",
                "arn:aws:iam::111122223333:role/Guest", "--role-session-name", "basic-flow", "--web-identity-token",
                token.json().get("Token").asText());
        assertThat(assumed.exitCode()).as(assumed.stderr()).isZero();
        assertThat(assumed.json().get("SubjectFromWebIdentityToken").asText()).isEqualTo(identityId);
        assertThat(assumed.json().get("AssumedRoleUser").get("Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Guest/basic-flow");
    }

    @Test
    void anUnknownPoolIsResourceNotFoundInTheCli() throws Exception {
        AwsCli.Run refused = aws.run("cognito-identity", "get-id", "--identity-pool-id",
                "us-east-1:00000000-0000-0000-0000-000000000000");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("(ResourceNotFoundException)");
    }
}
