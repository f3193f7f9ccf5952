package dev.stsbridge.verifier.hostile;

import static dev.stsbridge.verifier.testing.TestResponse.ATTR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestProviders;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** The role's trust policy decides, with the SAML context of AWS-SAML.md §4; each denial is AccessDenied. */
class TrustPolicyDenialTest {
    private static final String FEDERATED = "\"Principal\":{\"Federated\":\"" + TestResponse.PROVIDER_ARN + "\"}";

    private static TestSts withTrustPolicy(String statements, Map<String, String> roleTags) {
        TestIam iam = new TestIam().add(TestProviders.stsbridge());
        iam.addRole(TestResponse.ROLE_ARN, "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", 43200,
                roleTags);
        return new TestSts(iam, SamlSettings.defaults(), TestSts.NOW);
    }

    private static String allow(String actions, String condition) {
        return "{\"Effect\":\"Allow\"," + FEDERATED + ",\"Action\":" + actions
                + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}";
    }

    @Test
    void authorizeWhenNoStatementAllowsThenAccessDenied() {
        TestSts sts = withTrustPolicy("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::111122223333:saml-provider/other\"},\"Action\":\"sts:AssumeRoleWithSAML\"}", Map.of());
        assertThat(sts.refusal(TestResponse.alice().base64()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML"));
    }

    @Test
    void authorizeWhenExplicitDenyThenAccessDenied() {
        TestSts sts = withTrustPolicy(allow("\"sts:AssumeRoleWithSAML\"", "") + ",{\"Effect\":\"Deny\"," + FEDERATED
                + ",\"Action\":\"sts:*\",\"Condition\":{\"StringLike\":{\"saml:sub\":\"alice@*\"}}}", Map.of());
        assertThat(sts.refusal(TestResponse.alice().base64()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML"));
    }

    @Test
    void authorizeWhenSamlAudConditionMismatchThenAccessDenied() {
        TestSts sts = withTrustPolicy(allow("\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"SAML:aud\":\"https://us-east-1.signin.aws.amazon.com/saml\"}}"), Map.of());
        assertThat(sts.refusal(TestResponse.alice().base64()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML"));
    }

    @Test
    void authorizeWhenTagsPassedWithoutTagSessionThenAccessDenied() {
        TestSts sts = withTrustPolicy(allow("\"sts:AssumeRoleWithSAML\"", ""), Map.of());
        assertThat(sts.refusal(TestResponse.alice().tag("team", "platform").base64()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:TagSession"));
    }

    @Test
    void authorizeWhenSourceIdentityWithoutSetSourceIdentityThenAccessDenied() {
        TestSts sts = withTrustPolicy(allow("\"sts:AssumeRoleWithSAML\"", ""), Map.of());
        assertThat(sts.refusal(TestResponse.alice().attribute(ATTR + "SourceIdentity", "alice").base64()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:SetSourceIdentity"));
    }

    @Test
    void authorizeWhenTagSessionConditionOnRequestTagFailsThenAccessDenied() {
        TestSts sts = withTrustPolicy(allow("\"sts:AssumeRoleWithSAML\"", "") + ","
                + allow("\"sts:TagSession\"", "{\"StringEquals\":{\"aws:RequestTag/team\":\"platform\"}}"), Map.of());
        assertThat(sts.assume(TestResponse.alice().tag("team", "platform").base64())).isNotNull();
        assertThat(sts.refusal(TestResponse.alice().tag("team", "security").base64()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:TagSession"));
    }

    @Test
    void authorizeWhenConditionsUseSamlKeysThenTheyCarryTheAssertionValues() {
        String condition = "{\"StringEquals\":{\"saml:iss\":\"" + TestResponse.ISSUER + "\",\"saml:sub\":\"alice@example.com\","
                + "\"saml:sub_type\":\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\","
                + "\"saml:doc\":\"111122223333/stsbridge\",\"saml:cn\":\"Alice\",\"aws:ResourceTag/env\":\"prod\"},"
                + "\"ForAnyValue:StringEquals\":{\"saml:edupersonaffiliation\":\"staff\"}}";
        TestSts sts = withTrustPolicy(allow("\"sts:AssumeRoleWithSAML\"", condition), Map.of("env", "prod"));
        String saml = TestResponse.alice().attribute("urn:oid:2.5.4.3", "Alice")
                .attribute("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "member")
                .attribute("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "staff").base64();
        assertThat(sts.assume(saml)).isNotNull();
        assertThat(sts.refusal(TestResponse.alice().attribute("urn:oid:2.5.4.3", "Alice").base64()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML"));
    }

    @Test
    void authorizeWhenNameQualifierConditionThenMatchesDocumentedFormula() throws Exception {
        String qualifier = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                .digest((TestResponse.ISSUER + "111122223333/stsbridge").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        TestSts sts = withTrustPolicy(allow("\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"saml:namequalifier\":\"" + qualifier + "\"}}"), Map.of());
        assertThat(sts.assume(TestResponse.alice().base64())).isNotNull();
    }
}
