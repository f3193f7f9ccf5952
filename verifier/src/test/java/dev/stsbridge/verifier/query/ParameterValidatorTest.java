package dev.stsbridge.verifier.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsException;

/** Constraint checks driven by the bundled botocore models, with AWS's ValidationError wording. */
class ParameterValidatorTest {

    private static final ParameterValidator VALIDATOR = new ParameterValidator(Map.of(
            "2010-05-08", ApiModel.load(ApiModel.IAM), "2011-06-15", ApiModel.load(ApiModel.STS)));

    private static QueryParameters params(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return QueryParameters.of(map);
    }

    private static void assertRefused(String version, String action, QueryParameters params, String message) {
        assertThatThrownBy(() -> VALIDATOR.validate(version, action, params))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.error().code()).isEqualTo("ValidationError");
                    org.assertj.core.api.Assertions.assertThat(e.error().httpStatus()).isEqualTo(400);
                    org.assertj.core.api.Assertions.assertThat(e.error().message()).isEqualTo(message);
                });
    }

    @Test
    void validateWhenEnumValueUnknownThenListsTheModelsValues() {
        assertRefused("2010-05-08", "UpdateSAMLProvider", params("SAMLProviderArn",
                "arn:aws:iam::111122223333:saml-provider/x", "AssertionEncryptionMode", "Sometimes"),
                "1 validation error detected: Value 'Sometimes' at 'assertionEncryptionMode' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [Required, Allowed]");
    }

    @Test
    void validateWhenIntegerIsNotANumberThenMemberMustBeANumber() {
        assertRefused("2011-06-15", "AssumeRoleWithSAML", params("RoleArn", "arn:aws:iam::111122223333:role/Admin",
                "PrincipalArn", "arn:aws:iam::111122223333:saml-provider/x", "SAMLAssertion", "abcd",
                "DurationSeconds", "1h"),
                "1 validation error detected: Value '1h' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must be a number");
    }

    @Test
    void validateWhenDurationBelowMinimumThenValueGreaterThanOrEqual() {
        assertRefused("2011-06-15", "AssumeRoleWithSAML", params("RoleArn", "arn:aws:iam::111122223333:role/Admin",
                "PrincipalArn", "arn:aws:iam::111122223333:saml-provider/x", "SAMLAssertion", "abcd",
                "DurationSeconds", "899"),
                "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 900");
    }

    @Test
    void validateWhenArnHoldsASupplementaryCharacterThenTheModelPatternAcceptsIt() {
        assertThatCode(() -> VALIDATOR.validate("2011-06-15", "AssumeRoleWithSAML", params(
                "RoleArn", "arn:aws:iam::111122223333:role/\uD83D\uDE00x", "PrincipalArn",
                "arn:aws:iam::111122223333:saml-provider/x", "SAMLAssertion", "abcd"))).doesNotThrowAnyException();
    }

    @Test
    void validateWhenArnIsShorterThan20ThenTheLengthIsRefused() {
        assertRefused("2010-05-08", "GetSAMLProvider", params("SAMLProviderArn", "short"),
                "1 validation error detected: Value 'short' at 'sAMLProviderArn' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 20");
    }

    @Test
    void validateWhenMoreThan50TagsThenTheListLengthWithoutValues() {
        Map<String, String> map = new LinkedHashMap<>(Map.of("RoleName", "r", "AssumeRolePolicyDocument", "{}"));
        for (int i = 1; i <= 51; i++) {
            map.put("Tags.member." + i + ".Key", "k" + i);
            map.put("Tags.member." + i + ".Value", "v");
        }
        assertRefused("2010-05-08", "CreateRole", QueryParameters.of(map), "1 validation error detected: "
                + "Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void validateWhenATagValueIsMissingThenNotNullAtItsPath() {
        assertRefused("2010-05-08", "CreateRole", params("RoleName", "r", "AssumeRolePolicyDocument", "{}",
                "Tags.member.1.Key", "team"), "1 validation error detected: Value null at 'tags.1.member.value' "
                + "failed to satisfy constraint: Member must not be null");
    }

    @Test
    void validateWhenASensitiveValueIsInvalidThenItIsNotEchoed() {
        assertRefused("2010-05-08", "UpdateSAMLProvider", params("SAMLProviderArn",
                "arn:aws:iam::111122223333:saml-provider/x", "AddPrivateKey", "secret\u0001key"),
                "1 validation error detected: Value at 'addPrivateKey' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    }

    @Test
    void validateWhenAValueIsVeryLongThenItIsNotEchoed() {
        assertRefused("2010-05-08", "CreateRole", params("RoleName", "r".repeat(2000), "AssumeRolePolicyDocument",
                "{}"), "1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must "
                + "have length less than or equal to 64");
    }

    @Test
    void validateWhenMetadataIsShorterThan1000CharactersThenRefused() {
        assertRefused("2010-05-08", "CreateSAMLProvider", params("Name", "p", "SAMLMetadataDocument", "<x/>"),
                "1 validation error detected: Value '<x/>' at 'sAMLMetadataDocument' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1000");
    }

    @Test
    void validateWhenEverythingFitsThenAccepted() {
        assertThatCode(() -> VALIDATOR.validate("2010-05-08", "CreateRole", params("RoleName", "Admin_1+=,.@-",
                "Path", "/saml/", "AssumeRolePolicyDocument", "{}", "MaxSessionDuration", "43200",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", ""))).doesNotThrowAnyException();
    }
}
