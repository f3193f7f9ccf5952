package dev.stsbridge.verifier.saml.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;

class RequestParametersTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/SamlAdmin";
    private static final String PROVIDER = "arn:aws:iam::111122223333:saml-provider/stsbridge";

    private static AssumeRoleWithSamlRequest request(String role, String provider, Optional<Integer> duration,
                                                     Optional<String> policy, List<String> arns) {
        return new AssumeRoleWithSamlRequest(role, provider, "PHNhbWw+", duration, policy, arns);
    }

    private static AwsError refusal(AssumeRoleWithSamlRequest request) {
        try {
            RequestParameters.check(request);
            throw new AssertionError("accepted");
        } catch (AwsException e) {
            return e.error();
        }
    }

    @Test
    void checkWhenValidThenDefaultsDurationTo3600() {
        CheckedRequest checked = RequestParameters.check(request(ROLE, PROVIDER, Optional.empty(), Optional.empty(), List.of()));
        assertThat(checked.durationSeconds()).isEqualTo(3600);
        assertThat(checked.accountId()).isEqualTo("111122223333");
        assertThat(checked.roleName()).isEqualTo("SamlAdmin");
    }

    @Test
    void checkWhenRoleWithPathThenRoleNameIsLastSegment() {
        String role = "arn:aws:iam::111122223333:role/teams/platform/Deployer";
        assertThat(RequestParameters.check(request(role, PROVIDER, Optional.empty(), Optional.empty(), List.of()))
                .roleName()).isEqualTo("Deployer");
    }

    @Test
    void checkWhenEmptyArnsThenTwoValidationErrorsInAwsWording() {
        assertThat(refusal(request("", "", Optional.empty(), Optional.empty(), List.of()))).isEqualTo(AwsError.validation(
                "2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 20; Value '' at 'principalArn' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 20"));
    }

    @Test
    void checkWhenArnOver2048CharactersThenValidationError() {
        assertThat(refusal(request(ROLE + "x".repeat(2048), PROVIDER, Optional.empty(), Optional.empty(), List.of())))
                .isEqualTo(AwsError.validation("1 validation error detected: Value at 'roleArn' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 2048"));
    }

    @Test
    void checkWhenDurationBelow900ThenValidationError() {
        assertThat(refusal(request(ROLE, PROVIDER, Optional.of(899), Optional.empty(), List.of())))
                .isEqualTo(AwsError.validation("1 validation error detected: Value '899' at 'durationSeconds' failed "
                        + "to satisfy constraint: Member must have value greater than or equal to 900"));
    }

    @Test
    void checkWhenDurationAbove43200ThenValidationError() {
        assertThat(refusal(request(ROLE, PROVIDER, Optional.of(43201), Optional.empty(), List.of())))
                .isEqualTo(AwsError.validation("1 validation error detected: Value '43201' at 'durationSeconds' failed "
                        + "to satisfy constraint: Member must have value less than or equal to 43200"));
    }

    @Test
    void checkWhenPolicyEmptyThenValidationError() {
        assertThat(refusal(request(ROLE, PROVIDER, Optional.empty(), Optional.of(""), List.of())))
                .isEqualTo(AwsError.validation("1 validation error detected: Value '' at 'policy' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 1"));
    }

    @Test
    void checkWhenPolicyOver2048CharactersThenValidationError() {
        assertThat(refusal(request(ROLE, PROVIDER, Optional.empty(), Optional.of(" ".repeat(2049)), List.of())))
                .isEqualTo(AwsError.validation("1 validation error detected: Value at 'policy' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 2048"));
    }

    @Test
    void checkWhenPolicyHasCharacterOutsideLatin1ThenValidationError() {
        assertThat(refusal(request(ROLE, PROVIDER, Optional.empty(), Optional.of("{\"a\":\"\u20ac\"}"), List.of())))
                .isEqualTo(AwsError.validation("1 validation error detected: Value '{\"a\":\"\u20ac\"}' at 'policy' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"));
    }

    @Test
    void checkWhenElevenPolicyArnsThenValidationError() {
        List<String> arns = Collections.nCopies(11, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(refusal(request(ROLE, PROVIDER, Optional.empty(), Optional.empty(), arns)))
                .isEqualTo(AwsError.validation("1 validation error detected: Value at 'policyArns' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 10"));
    }

    @Test
    void checkWhenRoleArnIsNotARoleThenRequestArnInvalid() {
        assertThat(refusal(request("arn:aws:iam::111122223333:user/alice", PROVIDER, Optional.empty(),
                Optional.empty(), List.of()))).isEqualTo(AwsError.validation("Request ARN is invalid"));
    }

    @Test
    void checkWhenPrincipalArnIsNotAProviderThenPrincipalArnInvalid() {
        assertThat(refusal(request(ROLE, "arn:aws:iam::111122223333:oidc-provider/x", Optional.empty(),
                Optional.empty(), List.of()))).isEqualTo(AwsError.validation("Principal ARN is invalid"));
    }

    @Test
    void checkWhenAccountsDifferThenPrincipalOutsideAccount() {
        assertThat(refusal(request("arn:aws:iam::444455556666:role/SamlAdmin", PROVIDER, Optional.empty(),
                Optional.empty(), List.of()))).isEqualTo(AwsError.validation(
                "Principal exists outside the account of the Role being assumed."));
    }

    @Test
    void checkWhenArnHasControlCharacterThenPatternViolation() {
        assertThatThrownBy(() -> RequestParameters.check(request(ROLE + "\u0001", PROVIDER, Optional.empty(),
                Optional.empty(), List.of()))).isInstanceOf(AwsException.class)
                .hasMessageContaining("Member must satisfy regular expression pattern");
    }
}
