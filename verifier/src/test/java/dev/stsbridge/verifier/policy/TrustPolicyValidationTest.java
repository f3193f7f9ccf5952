package dev.stsbridge.verifier.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;

/** CreateRole's trust-policy check: every refusal is MalformedPolicyDocument with IAM's message. */
class TrustPolicyValidationTest {
    private static final String P = "\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/stsbridge\"}";
    private static final String A = "\"Action\":\"sts:AssumeRoleWithSAML\"";

    private static String doc(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + statement + "}]}";
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{not json", "This policy contains invalid Json"),
                Arguments.of("", "This policy contains invalid Json"),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[]}", "This policy contains invalid Json"),
                Arguments.of("[]", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\"}", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[],\"Extra\":1}", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2019-01-01\",\"Statement\":[{\"Effect\":\"Allow\"," + P + "," + A + "}]}",
                        "The policy failed legacy parsing"),
                Arguments.of(doc(P + "," + A), "Missing required field Effect"),
                Arguments.of(doc("\"Effect\":\"Permit\"," + P + "," + A), "Syntax errors in policy."),
                Arguments.of(doc("\"Effect\":\"Allow\"," + A), "Missing required field Principal"),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P), "Missing required field Action"),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"Resource\":\"*\""), "Has prohibited field Resource"),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"NotResource\":\"*\""), "Has prohibited field NotResource"),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"Foo\":\"*\""), "Syntax errors in policy."),
                Arguments.of(doc("\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"stsbridge\"}," + A),
                        "Invalid principal in policy: \"Federated\":\"stsbridge\""),
                Arguments.of(doc("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"}," + A),
                        "Invalid principal in policy: \"AWS\":\"alice\""),
                Arguments.of(doc("\"Effect\":\"Allow\",\"Principal\":{\"Users\":\"x\"}," + A), "Syntax errors in policy."),
                Arguments.of(doc("\"Effect\":\"Allow\",\"NotPrincipal\":{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/x\"}," + A),
                        "NotPrincipal is only supported with Effect Deny in a trust policy"),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + ",\"Action\":\"AssumeRoleWithSAML\""),
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + ",\"Action\":\"sts:a:b\""), "Actions/Condition can contain only one colon."),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"Condition\":{\"StringEqualz\":{\"saml:aud\":\"x\"}}"),
                        "Invalid Condition type : StringEqualz"),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"Condition\":{\"NullIfExists\":{\"saml:aud\":\"true\"}}"),
                        "Invalid Condition type : NullIfExists"),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"Condition\":{\"StringEquals\":{\"aud\":\"x\"}}"),
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"Condition\":{\"StringEquals\":{\"saml:aud\":{}}}"),
                        "Syntax errors in policy."),
                Arguments.of(doc("\"Effect\":\"Allow\"," + P + "," + A + ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}"),
                        "Syntax errors in policy."));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("malformed")
    void validateWhenMalformedThenMalformedPolicyDocument(String document, String message) {
        AwsError error = refusal(document);
        assertThat(error).isEqualTo(AwsError.sender("MalformedPolicyDocument", message, 400));
    }

    @Test
    void validateWhenConsoleStyleSamlTrustPolicyThenAccepted() {
        String policy = """
                {"Version": "2012-10-17",
                 "Statement": {"Sid": "", "Effect": "Allow",
                   "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/stsbridge"},
                   "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
                   "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"},
                                 "ForAllValues:StringLike": {"aws:TagKeys": ["team", "department"]}}}}""";
        assertThatCode(() -> new TrustPolicies().validate(policy)).doesNotThrowAnyException();
    }

    @Test
    void validateWhenServiceAndAwsPrincipalsThenAccepted() {
        assertThatCode(() -> new TrustPolicies().validate(doc("\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"ec2.amazonaws.com\",\"AWS\":[\"123456789012\",\"arn:aws:iam::123456789012:root\"]},"
                + "\"Action\":\"sts:AssumeRole\""))).doesNotThrowAnyException();
    }

    private static AwsError refusal(String document) {
        try {
            new TrustPolicies().validate(document);
            throw new AssertionError("accepted: " + document);
        } catch (AwsException e) {
            return e.error();
        }
    }
}
