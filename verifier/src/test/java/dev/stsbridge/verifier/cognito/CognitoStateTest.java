package dev.stsbridge.verifier.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;

/** Pools, identities and the signing key survive a restart; the key file is the owner's only. */
class CognitoStateTest {

    private static CognitoIdentityClient client(Verifier verifier, AwsCredentialsProvider credentials) {
        return CognitoIdentityClient.builder().endpointOverride(verifier.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Test
    void poolsIdentitiesAndTheSigningKeySurviveARestart() throws Exception {
        Path dataDir = Verifier.newDataDir();
        String poolId;
        String identityId;
        String keyId;
        try (Verifier first = Verifier.start(Clock.systemUTC(), dataDir);
             CognitoIdentityClient admin = client(first, StaticCredentialsProvider.create(
                     AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET)));
             CognitoIdentityClient anonymous = client(first, AnonymousCredentialsProvider.create())) {
            poolId = admin.createIdentityPool(r -> r.identityPoolName("Kept").allowUnauthenticatedIdentities(true))
                    .identityPoolId();
            identityId = anonymous.getId(r -> r.identityPoolId(poolId)).identityId();
            keyId = SignedJWT.parse(anonymous.getOpenIdToken(r -> r.identityId(identityId)).token()).getHeader()
                    .getKeyID();
        }
        Path key = dataDir.resolve("verifier/cognito-signing-key.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        try (Verifier second = Verifier.start(Clock.systemUTC(), dataDir);
             CognitoIdentityClient anonymous = client(second, AnonymousCredentialsProvider.create())) {
            String token = anonymous.getOpenIdToken(r -> r.identityId(identityId)).token();
            assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(keyId);
            assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(poolId);
        }
    }
}
