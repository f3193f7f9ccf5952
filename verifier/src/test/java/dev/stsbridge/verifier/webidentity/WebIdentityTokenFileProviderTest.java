package dev.stsbridge.verifier.webidentity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK's own web identity provider ({@code WebIdentityTokenFileCredentialsProvider}, what EKS pods and CI jobs
 * use through {@code AWS_WEB_IDENTITY_TOKEN_FILE} / {@code AWS_ROLE_ARN}): it reads the token file and calls
 * AssumeRoleWithWebIdentity itself, here against the verifier (STS endpoint from {@code aws.endpointUrlSts}, the
 * system-property form of {@code AWS_ENDPOINT_URL_STS}).
 */
class WebIdentityTokenFileProviderTest {

    private static final Map<String, String> PROPERTIES = Map.of("aws.region", "us-east-1",
            "aws.endpointUrlSts", "", "aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:1",
            "aws.disableEc2Metadata", "true");

    @TempDir
    Path dir;

    private Verifier verifier;
    private TestIdp idp;

    @BeforeEach
    void start() {
        verifier = Verifier.start(Clock.systemUTC());
        idp = TestIdp.start();
        try (IamClient iam = verifier.prodIam()) {
            String arn = WebIdentityFixture.register(iam, idp);
            iam.createRole(r -> r.roleName("WebApp")
                    .assumeRolePolicyDocument(WebIdentityFixture.trust(arn, idp.host(), true)));
        }
        PROPERTIES.forEach(System::setProperty);
        System.setProperty("aws.endpointUrlSts", verifier.endpoint().toString());
    }

    @AfterEach
    void stop() {
        PROPERTIES.keySet().forEach(System::clearProperty);
        idp.close();
        verifier.close();
    }

    @Test
    void theTokenFileProviderGetsCredentialsThatSignAsTheAssumedRole() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), idp.token());
        try (WebIdentityTokenFileCredentialsProvider provider = WebIdentityTokenFileCredentialsProvider.builder()
                .roleArn(WebIdentityFixture.ROLE).roleSessionName("alice-sdk").webIdentityTokenFile(tokenFile)
                .build()) {
            AwsSessionCredentials credentials = (AwsSessionCredentials) provider.resolveCredentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA");

            try (StsClient sts = StsClient.builder().endpointOverride(verifier.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(provider).build()) {
                assertThat(sts.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::111122223333:assumed-role/WebApp/alice-sdk");
            }
        }
    }
}
