package dev.stsbridge.verifier.sts;

import static dev.stsbridge.verifier.testing.TestResponse.ATTR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.iam.AssertionEncryptionMode;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.testing.TestEncryption;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestProviders;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

class AssumeRoleWithSamlTest {
    private final TestSts sts = TestSts.standard();

    @Test
    void handleWhenSignedAssertionThenResultFieldsAsAwsDefinesThem() {
        AssumeRoleWithSamlResult result = sts.assume(TestResponse.alice().base64());

        assertThat(result.subject()).isEqualTo("alice@example.com");
        assertThat(result.subjectType()).isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        assertThat(result.issuer()).isEqualTo(TestResponse.ISSUER);
        assertThat(result.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(result.packedPolicySize()).isZero();
        assertThat(result.sourceIdentity()).isEmpty();
        assertThat(result.grant().assumedRoleArn())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/SamlAdmin/alice@example.com");
        assertThat(result.grant().assumedRoleId()).endsWith(":alice@example.com").startsWith("AROA");
        assertThat(result.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(result.credentials().expiration()).isEqualTo(TestSts.NOW.plusSeconds(3600));
        assertThat(sts.issuer.find(result.credentials().accessKeyId())).isPresent();
    }

    @Test
    void handleWhenIssuerExampleThenNameQualifierMatchesTheDocumentedVector() {
        // AWS-SAML.md §4: BASE64(SHA1("https://example.com/saml" + "123456789012" + "/MySAMLIdP"))
        String provider = "arn:aws:iam::123456789012:saml-provider/MySAMLIdP";
        String role = "arn:aws:iam::123456789012:role/Example";
        TestIam iam = new TestIam().add(TestProviders.provider(provider, Set.of("https://example.com/saml"),
                List.of(TestKeys.idp().certificate()), AssertionEncryptionMode.Allowed, List.of()));
        iam.addRole(role, TestIam.TRUST_ALL_SAML_ACTIONS.replace("111122223333:saml-provider/stsbridge",
                "123456789012:saml-provider/MySAMLIdP"), 3600, Map.of());
        TestSts example = new TestSts(iam, SamlSettings.defaults(), TestSts.NOW);
        String saml = TestResponse.alice().issuer("https://example.com/saml")
                .replaceAttribute(ATTR + "Role", role + "," + provider).base64();

        AssumeRoleWithSamlResult result = example.sts.handle(new AssumeRoleWithSamlRequest(role, provider, saml,
                Optional.empty(), Optional.empty(), List.of()));

        assertThat(result.nameQualifier()).isEqualTo("1uAJanUnBc2XeUkHURMht+xam2c=");
    }

    @Test
    void handleWhenPersistentNameIdThenSubjectTypePrefixStripped() {
        var result = sts.assume(TestResponse.alice()
                .nameIdFormat("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent").base64());
        assertThat(result.subjectType()).isEqualTo("persistent");
    }

    @Test
    void handleWhenRolePairWrittenProviderFirstWithSpacesThenAccepted() {
        String saml = TestResponse.alice().replaceAttribute(ATTR + "Role",
                " " + TestResponse.PROVIDER_ARN + " , " + TestResponse.ROLE_ARN + " ").base64();
        assertThat(sts.assume(saml).grant().roleArn()).isEqualTo(TestResponse.ROLE_ARN);
    }

    @Test
    void handleWhenResponseSignedInsteadOfAssertionThenAccepted() {
        assertThat(sts.assume(TestResponse.alice().signed(TestResponse.Signed.RESPONSE).base64())).isNotNull();
    }

    @Test
    void handleWhenBothResponseAndAssertionSignedThenAccepted() {
        assertThat(sts.assume(TestResponse.alice().signed(TestResponse.Signed.BOTH).base64())).isNotNull();
    }

    @Test
    void handleWhenEcdsaSignatureByRegisteredKeyThenAccepted() {
        TestIam iam = TestIam.standard().add(TestProviders.provider(TestResponse.PROVIDER_ARN,
                List.of(TestKeys.ecIdp().certificate()), AssertionEncryptionMode.Allowed, List.of()));
        TestSts ec = new TestSts(iam, SamlSettings.defaults(), TestSts.NOW);
        String saml = TestResponse.alice().signingKey(TestKeys.ecIdp())
                .signatureAlgorithm("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256").base64();
        assertThat(ec.assume(saml)).isNotNull();
    }

    @Test
    void handleWhenSecondCertificateInMetadataSignsThenAccepted() {
        TestIam iam = TestIam.standard().add(TestProviders.provider(TestResponse.PROVIDER_ARN,
                List.of(TestKeys.otherIdp().certificate(), TestKeys.idp().certificate()),
                AssertionEncryptionMode.Allowed, List.of()));
        assertThat(new TestSts(iam, SamlSettings.defaults(), TestSts.NOW).assume(TestResponse.alice().base64()))
                .isNotNull();
    }

    @Test
    void handleWhenRsaSha1ThenAcceptedWithWarning() {
        String saml = TestResponse.alice().signatureAlgorithm("http://www.w3.org/2000/09/xmldsig#rsa-sha1")
                .digestAlgorithm("http://www.w3.org/2000/09/xmldsig#sha1").base64();
        assertThat(sts.assume(saml)).isNotNull();
    }

    @Test
    void handleWhenTagsAndSourceIdentityThenKeptWithTheSession() {
        String saml = TestResponse.alice().tag("department", "engineering").tag("team", "platform")
                .attribute(ATTR + "TransitiveTagKeys", "team").attribute(ATTR + "SourceIdentity", "alice").base64();
        AssumeRoleWithSamlResult result = sts.assume(saml);
        assertThat(result.grant().sessionTags()).containsExactly(Map.entry("department", "engineering"),
                Map.entry("team", "platform"));
        assertThat(result.grant().transitiveTagKeys()).containsExactly("team");
        assertThat(result.sourceIdentity()).contains("alice");
        assertThat(result.grant().sourceIdentity()).contains("alice");
        assertThat(result.packedPolicySize()).isBetween(1, 10);
    }

    @Test
    void handleWhenSessionDurationAttributeShorterThenCredentialsShortened() {
        String saml = TestResponse.alice().attribute(ATTR + "SessionDuration", "1800").base64();
        var request = new AssumeRoleWithSamlRequest(TestResponse.ROLE_ARN, TestResponse.PROVIDER_ARN, saml,
                Optional.of(7200), Optional.empty(), List.of());
        assertThat(sts.sts.handle(request).credentials().expiration()).isEqualTo(TestSts.NOW.plusSeconds(1800));
    }

    @Test
    void handleWhenSessionNotOnOrAfterEarlierThenCredentialsEndThere() {
        Instant end = TestSts.NOW.plus(Duration.ofMinutes(20));
        String saml = TestResponse.alice().sessionNotOnOrAfter(end).base64();
        assertThat(sts.assume(saml).credentials().expiration()).isEqualTo(end);
    }

    @Test
    void handleWhenDurationAboveRoleMaximumThenValidationError() {
        TestIam iam = new TestIam().add(TestProviders.stsbridge());
        iam.addRole(TestResponse.ROLE_ARN, TestIam.TRUST_ALL_SAML_ACTIONS, 3600, Map.of());
        var request = new AssumeRoleWithSamlRequest(TestResponse.ROLE_ARN, TestResponse.PROVIDER_ARN,
                TestResponse.alice().base64(), Optional.of(7200), Optional.empty(), List.of());
        AwsError error = new TestSts(iam, SamlSettings.defaults(), TestSts.NOW).refusal(request);
        assertThat(error).isEqualTo(AwsError.validation(
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
    }

    @Test
    void handleWhenSessionPolicyGivenThenPackedSizeReported() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
        var request = new AssumeRoleWithSamlRequest(TestResponse.ROLE_ARN, TestResponse.PROVIDER_ARN,
                TestResponse.alice().base64(), Optional.empty(), Optional.of(policy),
                List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThat(sts.sts.handle(request).packedPolicySize()).isBetween(1, 20);
    }

    @Test
    void handleWhenEncryptedAssertionToRequiredProviderThenDecryptedAndAccepted() {
        TestIam iam = TestIam.standard().add(TestProviders.encrypting(AssertionEncryptionMode.Required,
                TestKeys.spEncryption()));
        String saml = TestResponse.alice().recipient("https://signin.aws.amazon.com/saml/acs/" + TestProviders.UUID)
                .encryptTo(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey())).base64();
        String acs = "https://signin.aws.amazon.com/saml/acs/" + TestProviders.UUID;
        iam.addRole(TestResponse.ROLE_ARN, TestIam.TRUST_ALL_SAML_ACTIONS.replace(
                "https://signin.aws.amazon.com/saml\"", acs + "\""), 43200, Map.of());
        AssumeRoleWithSamlResult result = new TestSts(iam, SamlSettings.defaults(), TestSts.NOW).assume(saml);
        assertThat(result.audience()).isEqualTo(acs);
    }

    @Test
    void handleWhenSameAssertionTwiceThenAcceptedTwiceByDefault() {
        String saml = TestResponse.alice().base64();
        sts.assume(saml);
        assertThat(sts.assume(saml)).isNotNull();
        assertThat(sts.issuer.issuedCount()).isEqualTo(2);
    }
}
