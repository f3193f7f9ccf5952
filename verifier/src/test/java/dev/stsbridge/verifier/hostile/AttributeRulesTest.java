package dev.stsbridge.verifier.hostile;

import static dev.stsbridge.verifier.testing.TestResponse.ATTR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** RoleSessionName, SourceIdentity, SessionDuration, PrincipalTag and TransitiveTagKeys limits, with AWS's messages. */
class AttributeRulesTest {
    private static final AwsError SESSION_NAME_PATTERN = AwsError.invalidIdentityToken(
            "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
    private static final AwsError SOURCE_IDENTITY_PATTERN = AwsError.invalidIdentityToken(
            "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"");

    private final TestSts sts = TestSts.standard();

    private AwsError refusal(TestResponse response) {
        return sts.refusal(response.base64());
    }

    private static TestResponse sessionName(String... values) {
        return TestResponse.alice().replaceAttribute(ATTR + "RoleSessionName", values);
    }

    private static AwsError tags(String why) {
        return AwsError.validation("Unable to validate tags: " + why);
    }

    @Test
    void validateWhenRoleSessionNameMissingThenInvalidIdentityToken() {
        assertThat(refusal(TestResponse.alice().removeAttribute(ATTR + "RoleSessionName")))
                .isEqualTo(AwsError.invalidIdentityToken("RoleSessionName is required in AuthnResponse"));
    }

    @Test
    void validateWhenRoleSessionNameTooShortThenInvalidIdentityToken() {
        assertThat(refusal(sessionName("a"))).isEqualTo(SESSION_NAME_PATTERN);
    }

    @Test
    void validateWhenRoleSessionNameTooLongThenInvalidIdentityToken() {
        assertThat(refusal(sessionName("a".repeat(65)))).isEqualTo(SESSION_NAME_PATTERN);
    }

    @Test
    void validateWhenRoleSessionName64CharactersThenAccepted() {
        assertThat(sts.assume(sessionName("a".repeat(64)).base64()).grant().assumedRoleArn()).endsWith("a".repeat(64));
    }

    @Test
    void validateWhenRoleSessionNameHasSpaceThenInvalidIdentityToken() {
        assertThat(refusal(sessionName("alice smith"))).isEqualTo(SESSION_NAME_PATTERN);
    }

    @Test
    void validateWhenRoleSessionNameHasSlashThenInvalidIdentityToken() {
        assertThat(refusal(sessionName("alice/../admin"))).isEqualTo(SESSION_NAME_PATTERN);
    }

    @Test
    void validateWhenTwoRoleSessionNamesThenInvalidIdentityToken() {
        assertThat(refusal(sessionName("alice", "admin"))).isEqualTo(SESSION_NAME_PATTERN);
    }

    @Test
    void validateWhenSourceIdentityStartsWithAwsPrefixThenInvalidIdentityToken() {
        assertThat(refusal(TestResponse.alice().attribute(ATTR + "SourceIdentity", "AWS:alice")))
                .isEqualTo(SOURCE_IDENTITY_PATTERN);
    }

    @Test
    void validateWhenSourceIdentityTooShortThenInvalidIdentityToken() {
        assertThat(refusal(TestResponse.alice().attribute(ATTR + "SourceIdentity", "a")))
                .isEqualTo(SOURCE_IDENTITY_PATTERN);
    }

    @Test
    void validateWhenSourceIdentityHasBadCharacterThenInvalidIdentityToken() {
        assertThat(refusal(TestResponse.alice().attribute(ATTR + "SourceIdentity", "alice#1")))
                .isEqualTo(SOURCE_IDENTITY_PATTERN);
    }

    @Test
    void validateWhenSessionDurationOutOfRangeThenInvalidIdentityToken() {
        assertThat(refusal(TestResponse.alice().attribute(ATTR + "SessionDuration", "899"))).isEqualTo(
                AwsError.invalidIdentityToken(
                        "Invalid SAML response: SessionDuration must be one integer from 900 to 43200, not [899]"));
        assertThat(refusal(TestResponse.alice().attribute(ATTR + "SessionDuration", "43201"))).isEqualTo(
                AwsError.invalidIdentityToken(
                        "Invalid SAML response: SessionDuration must be one integer from 900 to 43200, not [43201]"));
    }

    @Test
    void validateWhenSessionDurationNotANumberThenInvalidIdentityToken() {
        assertThat(refusal(TestResponse.alice().attribute(ATTR + "SessionDuration", "1h"))).isEqualTo(
                AwsError.invalidIdentityToken(
                        "Invalid SAML response: SessionDuration must be one integer from 900 to 43200, not [1h]"));
    }

    @Test
    void validateWhen51TagsThenValidationError() {
        TestResponse response = TestResponse.alice();
        for (int i = 1; i <= 51; i++) {
            response.tag("k" + i, "v");
        }
        assertThat(refusal(response)).isEqualTo(tags("at most 50 session tags are allowed, the assertion has 51"));
    }

    @Test
    void validateWhenTagKeyOver128CharactersThenValidationError() {
        String key = "k".repeat(129);
        assertThat(refusal(TestResponse.alice().tag(key, "v"))).isEqualTo(
                tags("tag key '" + key + "' must be 1-128 letters, digits, spaces or _.:/=+-@"));
    }

    @Test
    void validateWhenTagValueOver256CharactersThenValidationError() {
        assertThat(refusal(TestResponse.alice().tag("team", "v".repeat(257)))).isEqualTo(
                tags("the value of tag 'team' must be 0-256 letters, digits, spaces or _.:/=+-@"));
    }

    @Test
    void validateWhenTagKeyHasAwsPrefixThenValidationError() {
        assertThat(refusal(TestResponse.alice().tag("aws:team", "platform")))
                .isEqualTo(tags("tag key 'aws:team' must not begin with \"aws:\""));
    }

    @Test
    void validateWhenTagKeysDifferOnlyInCaseThenValidationError() {
        assertThat(refusal(TestResponse.alice().tag("Team", "a").tag("team", "b")))
                .isEqualTo(tags("tag keys are case-insensitive and 'team' is repeated"));
    }

    @Test
    void validateWhenTagHasTwoValuesThenValidationError() {
        assertThat(refusal(TestResponse.alice().tag("team", "a").tag("team", "b")))
                .isEqualTo(tags("tag 'team' must have exactly one value, it has 2"));
    }

    @Test
    void validateWhenTagValueHasBadCharacterThenValidationError() {
        assertThat(refusal(TestResponse.alice().tag("team", "a;b")))
                .isEqualTo(tags("the value of tag 'team' must be 0-256 letters, digits, spaces or _.:/=+-@"));
    }

    @Test
    void validateWhenEmptyTagValueThenAccepted() {
        assertThat(sts.assume(TestResponse.alice().tag("team", "").base64()).grant().sessionTags())
                .containsEntry("team", "");
    }

    @Test
    void validateWhenTransitiveTagKeyIsNotASessionTagThenValidationError() {
        assertThat(refusal(TestResponse.alice().tag("team", "a").attribute(ATTR + "TransitiveTagKeys", "cost")))
                .isEqualTo(tags("TransitiveTagKeys names 'cost', which is not a session tag"));
    }

    @Test
    void packWhenFiftyLongRandomTagsThenPackedPolicyTooLarge() {
        TestResponse response = TestResponse.alice();
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            StringBuilder value = new StringBuilder();
            for (int c = 0; c < 256; c++) {
                value.append((char) ('a' + random.nextInt(26)));
            }
            response.tag("key" + i, value.toString());
        }
        AwsError error = refusal(response);
        assertThat(error.code()).isEqualTo("PackedPolicyTooLarge");
        assertThat(error.message()).matches("Packed size of session tags consumes \\d{3,4}% of allotted space\\.");
    }

    @Test
    void packWhenSessionPolicyIsNotJsonThenMalformedPolicyDocument() {
        var request = new AssumeRoleWithSamlRequest(TestResponse.ROLE_ARN, TestResponse.PROVIDER_ARN,
                TestResponse.alice().base64(), Optional.empty(), Optional.of("{not json"), List.of());
        assertThat(sts.refusal(request))
                .isEqualTo(AwsError.sender("MalformedPolicyDocument", "This policy contains invalid Json", 400));
    }

    @Test
    void packWhenSessionPolicyHasPrincipalThenMalformedPolicyDocument() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        var request = new AssumeRoleWithSamlRequest(TestResponse.ROLE_ARN, TestResponse.PROVIDER_ARN,
                TestResponse.alice().base64(), Optional.empty(), Optional.of(policy), List.of());
        assertThat(sts.refusal(request)).isEqualTo(AwsError.sender("MalformedPolicyDocument",
                "Policy document should not specify a principal.", 400));
    }
}
