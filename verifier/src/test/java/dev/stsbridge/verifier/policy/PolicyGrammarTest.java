package dev.stsbridge.verifier.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stsbridge.verifier.AwsException;

/** Identity- and resource-based grammar refusals, each with IAM's MalformedPolicyDocument message. */
class PolicyGrammarTest {

    private static String doc(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(PolicyGrammar.IDENTITY, "not JSON", "{\"Version\":", PolicyParser.INVALID_JSON),
                Arguments.of(PolicyGrammar.IDENTITY, "duplicate key", "{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[]}", PolicyParser.INVALID_JSON),
                Arguments.of(PolicyGrammar.IDENTITY, "unknown version", "{\"Version\":\"2013-01-01\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", PolicyParser.LEGACY),
                Arguments.of(PolicyGrammar.IDENTITY, "no Statement", "{\"Version\":\"2012-10-17\"}", PolicyParser.SYNTAX),
                Arguments.of(PolicyGrammar.IDENTITY, "unknown top-level field", "{\"Version\":\"2012-10-17\",\"Statements\":[]}", PolicyParser.SYNTAX),
                Arguments.of(PolicyGrammar.IDENTITY, "no Resource", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}"), PolicyParser.NEEDS_RESOURCES),
                Arguments.of(PolicyGrammar.IDENTITY, "both Resource and NotResource", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"NotResource\":\"*\"}"), PolicyParser.SYNTAX),
                Arguments.of(PolicyGrammar.IDENTITY, "Principal in an identity policy", doc("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), PolicyParser.NO_PRINCIPAL),
                Arguments.of(PolicyGrammar.IDENTITY, "no Effect", doc("{\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Missing required field Effect"),
                Arguments.of(PolicyGrammar.IDENTITY, "bad Effect", doc("{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), PolicyParser.SYNTAX),
                Arguments.of(PolicyGrammar.IDENTITY, "no Action", doc("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), "Missing required field Action"),
                Arguments.of(PolicyGrammar.IDENTITY, "action without vendor", doc("{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}"), PolicyParser.VENDOR),
                Arguments.of(PolicyGrammar.IDENTITY, "action with two colons", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:Get:Object\",\"Resource\":\"*\"}"), PolicyParser.ONE_COLON),
                Arguments.of(PolicyGrammar.IDENTITY, "resource not an ARN", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"reports/*\"}"), "Resource reports/* must be in ARN format or \"*\"."),
                Arguments.of(PolicyGrammar.IDENTITY, "Sid not alphanumeric", doc("{\"Sid\":\"team access\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), PolicyParser.SID_ALPHANUMERIC),
                Arguments.of(PolicyGrammar.IDENTITY, "duplicate Sid", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), PolicyParser.SID_UNIQUE),
                Arguments.of(PolicyGrammar.IDENTITY, "unknown condition operator", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringMatches\":{\"aws:username\":\"a\"}}}"), "Invalid Condition type : StringMatches"),
                Arguments.of(PolicyGrammar.IDENTITY, "NullIfExists", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}}"), "Invalid Condition type : NullIfExists"),
                Arguments.of(PolicyGrammar.IDENTITY, "condition key without vendor", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"username\":\"a\"}}}"), PolicyParser.VENDOR),
                Arguments.of(PolicyGrammar.IDENTITY, "Bool with a non-boolean", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}}"), PolicyParser.SYNTAX),
                Arguments.of(PolicyGrammar.IDENTITY, "empty condition values", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":[]}}}"), PolicyParser.SYNTAX),
                Arguments.of(PolicyGrammar.RESOURCE, "resource policy without Principal", doc("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Missing required field Principal"),
                Arguments.of(PolicyGrammar.RESOURCE, "resource policy with a bad principal", doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Invalid principal in policy: \"AWS\":\"alice\""),
                Arguments.of(PolicyGrammar.TRUST, "trust policy with Resource", doc("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"), "Has prohibited field Resource"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void refused(PolicyGrammar grammar, String rule, String document, String message) {
        AwsException refused = catchThrowableOfType(AwsException.class, () -> Policy.parse(document, grammar));
        assertThat(refused).as(rule).isNotNull();
        assertThat(refused.error().code()).isEqualTo("MalformedPolicyDocument");
        assertThat(refused.error().message()).isEqualTo(message);
    }
}
