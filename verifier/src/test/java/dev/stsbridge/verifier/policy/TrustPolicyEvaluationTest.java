package dev.stsbridge.verifier.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stsbridge.verifier.policy.TrustPolicy.Decision;

/** Table-driven: (statement fragment, context, expected decision). */
class TrustPolicyEvaluationTest {
    private static final String PROVIDER = "arn:aws:iam::111122223333:saml-provider/stsbridge";
    private static final Map<String, List<String>> CONTEXT = Map.of(
            "saml:aud", List.of("https://signin.aws.amazon.com/saml"),
            "saml:sub", List.of("alice@example.com"),
            "saml:sub_type", List.of("persistent"),
            "saml:edupersonaffiliation", List.of("staff", "member"),
            "aws:RequestTag/team", List.of("platform"),
            "aws:TagKeys", List.of("team", "department"),
            "saml:iss", List.of("https://idp.example.com/saml"),
            "aws:CurrentTime", List.of("2026-03-01T12:00:00Z"),
            "aws:MultiFactorAuthAge", List.of("300"),
            "aws:SecureTransport", List.of("true"));

    private static final String ALLOW_STATEMENT = "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
            + PROVIDER + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}";

    private static String allow(String rest) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + PROVIDER + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"" + rest + "}}";
    }

    private static String statements(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String when(String condition) {
        return allow(",\"Condition\":" + condition);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain allow", allow(""), Decision.ALLOW),
                Arguments.of("other provider", allow("").replace("stsbridge", "other"), Decision.IMPLICIT_DENY),
                Arguments.of("AWS principal never matches SAML",
                        allow("").replace("\"Federated\":\"" + PROVIDER + "\"", "\"AWS\":\"*\""), Decision.IMPLICIT_DENY),
                Arguments.of("Principal * never matches SAML",
                        allow("").replace("{\"Federated\":\"" + PROVIDER + "\"}", "\"*\""), Decision.IMPLICIT_DENY),
                Arguments.of("federated list", allow("").replace("\"" + PROVIDER + "\"",
                        "[\"arn:aws:iam::111122223333:saml-provider/x\",\"" + PROVIDER + "\"]"), Decision.ALLOW),
                Arguments.of("action wildcard", allow("").replace("sts:AssumeRoleWithSAML", "sts:AssumeRole*"), Decision.ALLOW),
                Arguments.of("action ? wildcard", allow("").replace("sts:AssumeRoleWithSAML", "sts:AssumeRoleWith????"), Decision.ALLOW),
                Arguments.of("action case-insensitive", allow("").replace("sts:AssumeRoleWithSAML", "STS:assumerolewithsaml"), Decision.ALLOW),
                Arguments.of("other action", allow("").replace("sts:AssumeRoleWithSAML", "sts:AssumeRole"), Decision.IMPLICIT_DENY),
                Arguments.of("NotAction excludes it", allow("").replace("\"Action\"", "\"NotAction\""), Decision.IMPLICIT_DENY),
                Arguments.of("NotAction of another", allow("").replace("\"Action\":\"sts:AssumeRoleWithSAML\"",
                        "\"NotAction\":\"sts:TagSession\""), Decision.ALLOW),
                Arguments.of("StringEquals aud", when("{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}"), Decision.ALLOW),
                Arguments.of("StringEquals aud mismatch", when("{\"StringEquals\":{\"saml:aud\":\"https://evil.example/saml\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("values are ORed", when("{\"StringEquals\":{\"saml:aud\":[\"x\",\"https://signin.aws.amazon.com/saml\"]}}"), Decision.ALLOW),
                Arguments.of("keys are ANDed", when("{\"StringEquals\":{\"saml:aud\":\"https://signin.aws.amazon.com/saml\",\"saml:sub\":\"bob\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("operators are ANDed", when("{\"StringEquals\":{\"saml:sub\":\"alice@example.com\"},\"StringLike\":{\"saml:iss\":\"https://other*\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("StringEquals is case-sensitive", when("{\"StringEquals\":{\"saml:sub\":\"ALICE@example.com\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("StringEqualsIgnoreCase", when("{\"StringEqualsIgnoreCase\":{\"saml:sub\":\"ALICE@example.com\"}}"), Decision.ALLOW),
                Arguments.of("StringNotEquals", when("{\"StringNotEquals\":{\"saml:sub\":\"bob\"}}"), Decision.ALLOW),
                Arguments.of("StringNotEquals hit", when("{\"StringNotEquals\":{\"saml:sub\":[\"bob\",\"alice@example.com\"]}}"), Decision.IMPLICIT_DENY),
                Arguments.of("StringNotEqualsIgnoreCase", when("{\"StringNotEqualsIgnoreCase\":{\"saml:sub\":\"ALICE@EXAMPLE.COM\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("StringLike", when("{\"StringLike\":{\"saml:sub\":\"*@example.com\"}}"), Decision.ALLOW),
                Arguments.of("StringLike ?", when("{\"StringLike\":{\"saml:sub_type\":\"persisten?\"}}"), Decision.ALLOW),
                Arguments.of("StringNotLike", when("{\"StringNotLike\":{\"saml:sub\":\"*@evil.test\"}}"), Decision.ALLOW),
                Arguments.of("missing key is false", when("{\"StringEquals\":{\"saml:cn\":\"alice\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("missing key with Not* is true", when("{\"StringNotEquals\":{\"saml:cn\":\"alice\"}}"), Decision.ALLOW),
                Arguments.of("IfExists on missing key", when("{\"StringEqualsIfExists\":{\"saml:cn\":\"alice\"}}"), Decision.ALLOW),
                Arguments.of("IfExists on present key", when("{\"StringEqualsIfExists\":{\"saml:sub\":\"bob\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("Null true on missing", when("{\"Null\":{\"saml:cn\":\"true\"}}"), Decision.ALLOW),
                Arguments.of("Null false on present", when("{\"Null\":{\"saml:sub\":\"false\"}}"), Decision.ALLOW),
                Arguments.of("Null true on present", when("{\"Null\":{\"saml:sub\":\"true\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("ForAnyValue", when("{\"ForAnyValue:StringEquals\":{\"saml:edupersonaffiliation\":\"staff\"}}"), Decision.ALLOW),
                Arguments.of("ForAllValues fails", when("{\"ForAllValues:StringEquals\":{\"saml:edupersonaffiliation\":\"staff\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("ForAllValues holds", when("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"department\",\"cost\"]}}"), Decision.ALLOW),
                Arguments.of("ForAllValues on missing key is true", when("{\"ForAllValues:StringEquals\":{\"saml:cn\":\"x\"}}"), Decision.ALLOW),
                Arguments.of("ForAnyValue on missing key is false", when("{\"ForAnyValue:StringEquals\":{\"saml:cn\":\"x\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("RequestTag", when("{\"StringEquals\":{\"aws:RequestTag/team\":\"platform\"}}"), Decision.ALLOW),
                Arguments.of("NumericLessThanEquals", when("{\"NumericLessThanEquals\":{\"aws:MultiFactorAuthAge\":\"3600\"}}"), Decision.ALLOW),
                Arguments.of("NumericGreaterThan", when("{\"NumericGreaterThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("NumericEquals not a number", when("{\"NumericEquals\":{\"saml:sub\":\"1\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("DateLessThan", when("{\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01T00:00:00Z\"}}"), Decision.ALLOW),
                Arguments.of("DateGreaterThan epoch", when("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"1700000000\"}}"), Decision.ALLOW),
                Arguments.of("Bool", when("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"), Decision.ALLOW),
                Arguments.of("Bool false", when("{\"Bool\":{\"aws:SecureTransport\":false}}"), Decision.IMPLICIT_DENY),
                Arguments.of("ArnLike", when("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:iam::*:role/*\"}}"), Decision.IMPLICIT_DENY),
                Arguments.of("explicit deny wins", statements(ALLOW_STATEMENT, ALLOW_STATEMENT.replace("Allow", "Deny")),
                        Decision.EXPLICIT_DENY),
                Arguments.of("deny with NotPrincipal of ours does not apply", statements(ALLOW_STATEMENT,
                        "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Federated\":\"" + PROVIDER + "\"},\"Action\":\"*\"}"),
                        Decision.ALLOW),
                Arguments.of("deny with NotPrincipal of another applies", statements(ALLOW_STATEMENT,
                        "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/x\"},"
                                + "\"Action\":\"*\"}"), Decision.EXPLICIT_DENY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluate(String name, String policy, Decision expected) {
        TrustPolicy parsed = new TrustPolicies().parse(policy);
        assertThat(parsed.evaluate(new RequestContext("sts:AssumeRoleWithSAML", PROVIDER, CONTEXT))).isEqualTo(expected);
    }
}
