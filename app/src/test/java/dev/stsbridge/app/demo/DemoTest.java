package dev.stsbridge.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@link Demo}: both servers start, the IdP is registered in both accounts of the AWS model through its IAM API, a
 * second start reuses the data directory (same keys; provider metadata and trust policies updated, not duplicated),
 * and a taken port fails before anything starts.
 */
class DemoTest {

    private static final String PROD_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String PROD_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String DEV_KEY = "AKIAI44QH8DHBEXAMPLE";
    private static final String DEV_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

    private static DemoSettings settings(Path dataDir) {
        return DemoSettings.defaults(dataDir).withPorts(0, 0);
    }

    @Test
    void theFirstStartCreatesTheProviderAndTheDemoRolesInBothAccounts(@TempDir Path dir) {
        try (Demo demo = Demo.start(settings(DemoKeys.generate(dir)))) {
            assertThat(demo.accounts()).extracting(AccountSetup::accountId, AccountSetup::accountName,
                    AccountSetup::providerArn, AccountSetup::providerCreated, AccountSetup::roleArns).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("111122223333", "prod",
                            "arn:aws:iam::111122223333:saml-provider/stsbridge", true,
                            List.of("arn:aws:iam::111122223333:role/Admin")),
                    org.assertj.core.groups.Tuple.tuple("444455556666", "dev",
                            "arn:aws:iam::444455556666:saml-provider/stsbridge", true,
                            List.of("arn:aws:iam::444455556666:role/Developer",
                                    "arn:aws:iam::444455556666:role/ReadOnly")));
            assertThat(demo.idpUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(demo.config().entityId()).isEqualTo(demo.idpUrl() + "/saml2/metadata");
            assertThat(demo.config().aws().postUrl()).isEqualTo(URI.create(demo.awsEndpoint() + "/saml"));
            try (IamClient dev = iam(demo, DEV_KEY, DEV_SECRET)) {
                String registered = dev.getSAMLProvider(r -> r.samlProviderArn(
                        "arn:aws:iam::444455556666:saml-provider/stsbridge")).samlMetadataDocument();
                assertThat(registered).isEqualTo(new String(demo.idp().signedMetadata(), StandardCharsets.UTF_8));
                String policy = URLDecoder.decode(dev.getRole(r -> r.roleName("ReadOnly")).role()
                        .assumeRolePolicyDocument(), StandardCharsets.UTF_8);
                assertThat(policy).contains("\"Federated\":\"arn:aws:iam::444455556666:saml-provider/stsbridge\"",
                        "\"sts:AssumeRoleWithSAML\"", "\"sts:TagSession\"", "\"sts:SetSourceIdentity\"",
                        "{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}");
                String host = demo.oidcIssuer().getAuthority();
                assertThat(policy).contains("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                        + "\"arn:aws:iam::444455556666:oidc-provider/" + host + "\"},\"Action\":["
                        + "\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":{\""
                        + host + ":aud\":\"stsbridge-demo\",\"" + host + ":sub\":[\"" + subjectOf(demo, "bob") + "\"]}}}");
            }
        }
    }

    @Test
    void aSecondStartKeepsTheKeysAndUpdatesTheProviderAndTrustPoliciesInPlace(@TempDir Path dir) {
        String firstCertificate;
        int oidcPort;
        String firstPool;
        try (Demo first = Demo.start(settings(DemoKeys.generate(dir)))) {
            firstCertificate = first.idp().keys().current().id();
            oidcPort = first.oidcIssuer().getPort();
            firstPool = first.webIdentity().pool().id();
            try (IamClient prod = iam(first, PROD_KEY, PROD_SECRET)) {
                prod.updateAssumeRolePolicy(r -> r.roleName("Admin").policyDocument(IamRegistration.trustPolicy(
                        "arn:aws:iam::111122223333:saml-provider/stsbridge", "https://signin.aws.amazon.com/saml")
                        .replace("\"sts:TagSession\",", "")));
            }
        }
        try (Demo second = Demo.start(settings(dir).withOidcPort(oidcPort))) {
            assertThat(second.idp().keysGenerated()).isFalse();
            assertThat(second.idp().keys().current().id()).isEqualTo(firstCertificate);
            assertThat(second.accounts()).extracting(AccountSetup::providerCreated).containsExactly(false, false);
            assertThat(second.webIdentity().pool().id()).isEqualTo(firstPool);
            try (IamClient prod = iam(second, PROD_KEY, PROD_SECRET)) {
                assertThat(prod.listSAMLProviders().samlProviderList()).hasSize(1);
                assertThat(prod.listRoles().roles()).extracting(r -> r.roleName())
                        .containsExactlyInAnyOrder("Admin", DemoCognitoPool.ROLE_NAME);
                assertThat(prod.listOpenIDConnectProviders().openIDConnectProviderList()).hasSize(1);
                assertThat(URLDecoder.decode(prod.getRole(r -> r.roleName("Admin")).role().assumeRolePolicyDocument(),
                        StandardCharsets.UTF_8).split("sts:AssumeRoleWithWebIdentity", -1)).hasSize(2);
                assertThat(URLDecoder.decode(prod.getRole(r -> r.roleName("Admin")).role().assumeRolePolicyDocument(),
                        StandardCharsets.UTF_8)).contains("\"sts:TagSession\"");
                assertThat(prod.getSAMLProvider(r -> r.samlProviderArn(second.accounts().get(0).providerArn()))
                        .samlMetadataDocument()).isEqualTo(new String(second.idp().signedMetadata(),
                        StandardCharsets.UTF_8)).contains(second.config().entityId());
            }
        }
    }

    @Test
    void rotatedKeysReachTheRegisteredMetadataOnTheNextStart(@TempDir Path dir) {
        DemoKeys.generate(dir);
        try (Demo first = Demo.start(settings(dir))) {
            assertThat(first.accounts().get(0).providerCreated()).isTrue();
        }
        DemoKeys.service(dir).rotate(DemoKeys.rsa2048());
        DemoKeys.service(dir).promote();
        try (Demo second = Demo.start(settings(dir)); IamClient prod = iam(second, PROD_KEY, PROD_SECRET)) {
            String registered = prod.getSAMLProvider(r -> r.samlProviderArn(second.accounts().get(0).providerArn()))
                    .samlMetadataDocument();
            assertThat(registered).isEqualTo(new String(second.idp().signedMetadata(), StandardCharsets.UTF_8));
            assertThat(new SelfTest(second).run().assumedRoleArn()).isEqualTo(SelfTest.EXPECTED_ARN);
        }
    }

    @Test
    void aTakenIdpPortFailsNamingTheIdpBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Demo.start(settings(dir).withPorts(taken.getLocalPort(), 0)))
                    .isInstanceOfSatisfying(PortInUseException.class, e -> {
                        assertThat(e.service()).isEqualTo(PortInUseException.Service.IDP);
                        assertThat(e.port()).isEqualTo(taken.getLocalPort());
                    });
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aTakenAwsPortFailsNamingTheAwsModel(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Demo.start(settings(dir).withPorts(0, taken.getLocalPort())))
                    .isInstanceOfSatisfying(PortInUseException.class, e -> {
                        assertThat(e.service()).isEqualTo(PortInUseException.Service.AWS);
                        assertThat(e.port()).isEqualTo(taken.getLocalPort());
                    });
        }
    }

    @Test
    void theSameFixedPortForBothIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> settings(dir).withPorts(9000, 9000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the IdP and the AWS model need different ports, both were 9000");
    }

    static IamClient iam(Demo demo, String key, String secret) {
        return IamClient.builder().endpointOverride(demo.awsEndpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .defaultProfileFile(ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                                .type(ProfileFile.Type.CONFIGURATION).build()).defaultProfileName("default"))
                .build();
    }

    /** The {@code sub} of this demo person's ID tokens for the demo client, as the IdP computes it. */
    static String subjectOf(Demo demo, String username) {
        try {
            return demo.idp().oidc().orElseThrow().subject(demo.idp().directory().lookup(username).orElseThrow(),
                    "stsbridge-demo");
        } catch (dev.stsbridge.idp.directory.DirectoryUnavailableException e) {
            throw new AssertionError(e);
        }
    }
}
