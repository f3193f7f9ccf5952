package dev.stsbridge.verifier.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.SamlPipelines;
import dev.stsbridge.verifier.VerifierSettings;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestMetadata;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class AssumeRoleWithSamlSdkTest {
    @Test
    void sdkAssumesRoleWithSamlThenGetCallerIdentityIsTheAssumedRole() {
        try (Verifier verifier = Verifier.start(VerifierSettings.defaults(Verifier.newDataDir()).withPort(0)
                .withClock(Clock.systemUTC()), new SamlPipelines());
             IamClient iam = verifier.prodIam()) {
            String metadata = TestMetadata.idp().signingCertificate(TestKeys.idp().certificate()).build();
            String providerArn = iam.createSAMLProvider(r -> r.name("stsbridge").samlMetadataDocument(metadata))
                    .samlProviderArn();
            iam.createRole(r -> r.roleName("SamlAdmin").assumeRolePolicyDocument(TestIam.TRUST_ALL_SAML_ACTIONS));
            Instant now = Instant.now();
            String saml = TestResponse.alice().issueInstant(now).notBefore(now.minusSeconds(60))
                    .notOnOrAfter(now.plus(Duration.ofMinutes(5))).confirmationNotOnOrAfter(now.plus(Duration.ofMinutes(5)))
                    .tag("team", "platform").base64();
            AssumeRoleWithSamlResponse assumed;
            try (StsClient sts = verifier.sts(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET))) {
                assumed = sts.assumeRoleWithSAML(r -> r.roleArn(TestResponse.ROLE_ARN).principalArn(providerArn)
                        .samlAssertion(saml));
                assertThatThrownBy(() -> sts.assumeRoleWithSAML(r -> r.roleArn(TestResponse.ROLE_ARN)
                        .principalArn(providerArn).samlAssertion(TestResponse.alice().signingKey(TestKeys.attacker())
                                .issueInstant(now).base64())))
                        .isInstanceOf(StsException.class).hasMessageContaining("Response signature invalid");
            }
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::111122223333:assumed-role/SamlAdmin/alice@example.com");
            assertThat(assumed.nameQualifier()).hasSize(28);
            var c = assumed.credentials();
            try (StsClient sts = verifier.sts(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo(assumed.assumedRoleUser().arn());
            }
        }
    }
}
