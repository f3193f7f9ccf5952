package dev.stsbridge.verifier.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityPoolShortDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * Cognito identity pools through the SDK's CognitoIdentity client (JSON 1.1, SigV4 for the administration calls):
 * the basic flow (GetOpenIdToken, then STS AssumeRoleWithWebIdentity trusting cognito-identity.amazonaws.com) and the
 * enhanced flow (GetCredentialsForIdentity), unauthenticated and with a login of an IAM OpenID Connect provider.
 */
class CognitoSdkTest {

    private static Verifier verifier;
    private static TestIdp idp;
    private static CognitoIdentityClient admin;
    private static CognitoIdentityClient anonymous;
    private static String poolId;
    private static String closedPoolId;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.systemUTC());
        idp = TestIdp.start();
        admin = cognito(StaticCredentialsProvider.create(AwsBasicCredentials.create(Verifier.PROD_KEY,
                Verifier.PROD_SECRET)));
        anonymous = cognito(AnonymousCredentialsProvider.create());
        String providerArn;
        try (IamClient iam = verifier.prodIam()) {
            providerArn = iam.createOpenIDConnectProvider(r -> r.url(idp.issuer()).clientIDList(TestIdp.CLIENT_ID)
                    .thumbprintList(idp.thumbprint())).openIDConnectProviderArn();
        }
        poolId = admin.createIdentityPool(r -> r.identityPoolName("Open").allowUnauthenticatedIdentities(true)
                .allowClassicFlow(true).openIdConnectProviderARNs(providerArn)).identityPoolId();
        closedPoolId = admin.createIdentityPool(r -> r.identityPoolName("Closed")
                .allowUnauthenticatedIdentities(false)).identityPoolId();
        try (IamClient iam = verifier.prodIam()) {
            iam.createRole(r -> r.roleName("CognitoAuth").assumeRolePolicyDocument(trust(poolId, "authenticated")));
            iam.createRole(r -> r.roleName("CognitoUnauth").assumeRolePolicyDocument(trust(poolId, "unauthenticated")));
        }
        admin.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(Map.of(
                "authenticated", "arn:aws:iam::111122223333:role/CognitoAuth",
                "unauthenticated", "arn:aws:iam::111122223333:role/CognitoUnauth")));
    }

    @AfterAll
    static void stop() {
        admin.close();
        anonymous.close();
        idp.close();
        verifier.close();
    }

    private static CognitoIdentityClient cognito(AwsCredentialsProvider credentials) {
        return CognitoIdentityClient.builder().endpointOverride(verifier.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static String trust(String pool, String amr) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"cognito-identity.amazonaws.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{"
                + "\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"" + pool + "\"},"
                + "\"ForAnyValue:StringLike\":{\"cognito-identity.amazonaws.com:amr\":\"" + amr + "\"}}}]}";
    }

    @Test
    void poolsAreDescribedListedAndTheirRolesRead() {
        assertThat(poolId).matches("us-east-1:[0-9a-f-]{36}");
        assertThat(admin.describeIdentityPool(r -> r.identityPoolId(poolId)).identityPoolName()).isEqualTo("Open");
        assertThat(admin.listIdentityPools(r -> r.maxResults(60)).identityPools())
                .extracting(IdentityPoolShortDescription::identityPoolId).contains(poolId, closedPoolId);
        assertThat(admin.getIdentityPoolRoles(r -> r.identityPoolId(poolId)).roles())
                .containsEntry("authenticated", "arn:aws:iam::111122223333:role/CognitoAuth");
    }

    @Test
    void theEnhancedFlowGivesAnUnauthenticatedIdentityTheUnauthenticatedRole() {
        String identityId = anonymous.getId(r -> r.identityPoolId(poolId)).identityId();
        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId)).credentials();

        assertThat(callerArn(credentials))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/CognitoUnauth/CognitoIdentityCredentials");
    }

    @Test
    void theEnhancedFlowWithALoginGivesTheAuthenticatedRoleAndTheSameIdentityEachTime() {
        Map<String, String> logins = Map.of(idp.host(), idp.token());
        String first = anonymous.getId(r -> r.identityPoolId(poolId).logins(logins)).identityId();
        String again = anonymous.getId(r -> r.identityPoolId(poolId).logins(Map.of(idp.host(), idp.token())))
                .identityId();
        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(first).logins(logins))
                .credentials();

        assertThat(again).isEqualTo(first);
        assertThat(callerArn(credentials))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/CognitoAuth/CognitoIdentityCredentials");
    }

    @Test
    void theBasicFlowTokenIsExchangedByStsForARoleTrustingCognito() throws Exception {
        String identityId = anonymous.getId(r -> r.identityPoolId(poolId)).identityId();
        String token = anonymous.getOpenIdToken(r -> r.identityId(identityId)).token();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://cognito-identity.amazonaws.com");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(poolId);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(identityId);

        try (StsClient sts = StsClient.builder().endpointOverride(verifier.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            AssumeRoleWithWebIdentityResponse response = sts.assumeRoleWithWebIdentity(r -> r
                    .roleArn("arn:aws:iam::111122223333:role/CognitoUnauth").roleSessionName("basic")
                    .webIdentityToken(token));
            assertThat(response.subjectFromWebIdentityToken()).isEqualTo(identityId);
            assertThat(response.audience()).isEqualTo(poolId);
            assertThat(response.provider()).isEqualTo("https://cognito-identity.amazonaws.com");
        }
    }

    @Test
    void aPoolWhoseClassicFlowIsOffRefusesGetOpenIdTokenSoAGuestCannotTakeTheBasicFlowToAnyRole() {
        String enhancedOnly = admin.createIdentityPool(r -> r.identityPoolName("EnhancedOnly")
                .allowUnauthenticatedIdentities(true).allowClassicFlow(false)).identityPoolId();
        String identityId = anonymous.getId(r -> r.identityPoolId(enhancedOnly)).identityId();
        assertRefused(() -> anonymous.getOpenIdToken(r -> r.identityId(identityId)), "InvalidParameterException",
                "Basic (classic) flow is not enabled, please use enhanced flow.");
        assertThat(admin.describeIdentityPool(r -> r.identityPoolId(enhancedOnly)).allowClassicFlow()).isFalse();
        admin.deleteIdentityPool(r -> r.identityPoolId(enhancedOnly));
    }

    @Test
    void aPoolWithoutUnauthenticatedAccessRefusesGetIdWithoutLogins() {
        assertRefused(() -> anonymous.getId(r -> r.identityPoolId(closedPoolId)), "NotAuthorizedException",
                "Unauthenticated access is not supported for this identity pool.");
    }

    @Test
    void aLoginOfAProviderThePoolDoesNotListIsNotAuthorized() {
        assertRefused(() -> anonymous.getId(r -> r.identityPoolId(closedPoolId)
                .logins(Map.of(idp.host(), idp.token()))), "NotAuthorizedException",
                "Token is not from a supported provider of this identity pool.");
    }

    @Test
    void aForgedLoginTokenIsNotAuthorized() {
        String[] good = idp.token().split("\\.");
        String forged = idp.token(c -> c.subject("admin")).split("\\.")[1];
        assertRefused(() -> anonymous.getId(r -> r.identityPoolId(poolId)
                .logins(Map.of(idp.host(), good[0] + "." + forged + "." + good[2]))), "NotAuthorizedException",
                "Invalid login token. The token's signature does not verify under the identity provider's keys.");
    }

    @Test
    void anUnknownPoolIsResourceNotFound() {
        assertRefused(() -> anonymous.getId(r -> r.identityPoolId("us-east-1:00000000-0000-0000-0000-000000000000")),
                "ResourceNotFoundException", "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.");
    }

    @Test
    void anAuthenticatedIdentityWithoutItsLoginIsNotAuthorized() {
        String identityId = anonymous.getId(r -> r.identityPoolId(poolId).logins(Map.of(idp.host(), idp.token())))
                .identityId();
        assertRefused(() -> anonymous.getCredentialsForIdentity(r -> r.identityId(identityId)),
                "NotAuthorizedException", CognitoFlows.LOGINS_MISMATCH);
    }

    @Test
    void aPoolRoleWhoseTrustDoesNotNameThePoolIsAnInvalidConfiguration() {
        String other = admin.createIdentityPool(r -> r.identityPoolName("Misconfigured")
                .allowUnauthenticatedIdentities(true)).identityPoolId();
        admin.setIdentityPoolRoles(r -> r.identityPoolId(other).roles(Map.of(
                "unauthenticated", "arn:aws:iam::111122223333:role/CognitoUnauth")));
        String identityId = anonymous.getId(r -> r.identityPoolId(other)).identityId();
        assertRefused(() -> anonymous.getCredentialsForIdentity(r -> r.identityId(identityId)),
                "InvalidIdentityPoolConfigurationException",
                "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }

    @Test
    void anotherAccountCannotDescribeThePool() {
        try (CognitoIdentityClient dev = cognito(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                Verifier.DEV_KEY, Verifier.DEV_SECRET)))) {
            assertRefused(() -> dev.describeIdentityPool(r -> r.identityPoolId(poolId)), "ResourceNotFoundException",
                    "IdentityPool '" + poolId + "' not found.");
        }
    }

    @Test
    void administrationWithoutASignatureIsRefused() {
        assertThatThrownBy(() -> anonymous.listIdentityPools(r -> r.maxResults(10)))
                .isInstanceOf(CognitoIdentityException.class);
    }

    private static String callerArn(Credentials c) {
        try (StsClient sts = verifier.sts(c.accessKeyId(), c.secretKey(), c.sessionToken())) {
            return sts.getCallerIdentity().arn();
        }
    }

    private static void assertRefused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CognitoIdentityException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }
}
