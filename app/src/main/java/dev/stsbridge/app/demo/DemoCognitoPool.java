package dev.stsbridge.app.demo;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityPoolShortDescription;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The demo's Cognito identity pool {@value #POOL_NAME} in the first account, through the verifier's Cognito and IAM
 * APIs: authenticated identities only, signed in with the IdP's ID tokens ({@code OpenIdConnectProviderARNs} = the
 * IdP's provider), and the authenticated role {@value #ROLE_NAME} trusting {@code cognito-identity.amazonaws.com} for
 * this pool ({@code aud}) and authenticated identities ({@code amr}). A pool of that name for another provider (the
 * issuer's port changed) is replaced; the role's trust policy is rewritten for the pool's ID: a restart changes nothing.
 */
final class DemoCognitoPool {

    static final String POOL_NAME = "stsbridge-demo";
    static final String ROLE_NAME = "CognitoSignedIn";

    private static final Logger LOG = LoggerFactory.getLogger(DemoCognitoPool.class);

    /** The pool's ID and its authenticated role. */
    record Pool(String id, String roleArn) {
    }

    private DemoCognitoPool() {
    }

    static Pool register(URI endpoint, AccountSetup account, String providerArn) {
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
             IamClient iam = IamRegistration.client(endpoint, account.accessKeyId(), account.secretAccessKey(), http);
             CognitoIdentityClient cognito = CognitoIdentityClient.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).httpClient(http).credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                     .overrideConfiguration(IamRegistration::offline).build()) {
            String poolId = putPool(cognito, providerArn);
            String roleArn = putRole(iam, trustPolicy(poolId));
            cognito.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(java.util.Map.of("authenticated",
                    roleArn)));
            LOG.info("account {}: Cognito identity pool {} ({}), authenticated role {}", account.accountId(), poolId,
                    POOL_NAME, roleArn);
            return new Pool(poolId, roleArn);
        }
    }

    private static String putPool(CognitoIdentityClient cognito, String providerArn) {
        Optional<String> existing = cognito.listIdentityPools(r -> r.maxResults(60)).identityPools().stream()
                .filter(p -> POOL_NAME.equals(p.identityPoolName())).map(IdentityPoolShortDescription::identityPoolId)
                .findFirst();
        if (existing.isPresent()) {
            List<String> providers = cognito.describeIdentityPool(r -> r.identityPoolId(existing.get()))
                    .openIdConnectProviderARNs();
            if (providers.equals(List.of(providerArn))) {
                return existing.get();
            }
            cognito.deleteIdentityPool(r -> r.identityPoolId(existing.get()));
        }
        return cognito.createIdentityPool(r -> r.identityPoolName(POOL_NAME).allowUnauthenticatedIdentities(false)
                .openIdConnectProviderARNs(providerArn)).identityPoolId();
    }

    private static String putRole(IamClient iam, String policy) {
        boolean exists = iam.listRolesPaginator().roles().stream().anyMatch(r -> ROLE_NAME.equals(r.roleName()));
        if (exists) {
            iam.updateAssumeRolePolicy(r -> r.roleName(ROLE_NAME).policyDocument(policy));
            return iam.getRole(r -> r.roleName(ROLE_NAME)).role().arn();
        }
        return iam.createRole(r -> r.roleName(ROLE_NAME).assumeRolePolicyDocument(policy)
                .description("stsbridge demo: Cognito identities signed in with the IdP's ID tokens")).role().arn();
    }

    /** Cognito's authenticated-role trust policy, as the Cognito console writes it. */
    static String trustPolicy(String poolId) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",\
                "Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"%s"},\
                "ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}""".formatted(poolId);
    }
}
