package dev.stsbridge.verifier.hostile;

import static dev.stsbridge.verifier.testing.TestResponse.ATTR;
import static dev.stsbridge.verifier.testing.TestResponse.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestProviders;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** Issuer, time, audience, subject confirmation, NameID and role-pair rules: one test per way each refuses. */
class AssertionRulesTest {
    private static final AwsError NOT_AUTHORIZED =
            AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML");

    private final TestSts sts = TestSts.standard();

    private static AwsError invalid(String message) {
        return AwsError.invalidIdentityToken(message);
    }

    private static AwsError expired(String message) {
        return AwsError.sender("ExpiredTokenException", message, 400);
    }

    @Test
    void validateWhenIssuerNotInProviderThenInvalidIdentityToken() {
        assertThat(sts.refusal(TestResponse.alice().issuer("https://evil.example.net/idp").base64()))
                .isEqualTo(invalid("Issuer not present in specified provider"));
    }

    @Test
    void validateWhenIssueInstantOlderThanFiveMinutesThenExpiredTokenException() {
        String saml = TestResponse.alice().issueInstant(NOW.minus(Duration.ofMinutes(6))).base64();
        assertThat(sts.refusal(saml)).isEqualTo(expired("Token must be redeemed within 5 minutes of issuance"));
    }

    @Test
    void validateWhenIssueInstantInTheFutureBeyondSkewThenInvalidIdentityToken() {
        String saml = TestResponse.alice().issueInstant(NOW.plus(Duration.ofMinutes(3))).base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid("Invalid SAML response: the assertion is not yet valid"));
    }

    @Test
    void validateWhenConditionsNotOnOrAfterPassedThenExpiredTokenException() {
        String saml = TestResponse.alice().notOnOrAfter(NOW.minus(Duration.ofMinutes(2))).base64();
        assertThat(sts.refusal(saml)).isEqualTo(expired("Response has expired"));
    }

    @Test
    void validateWhenSubjectConfirmationExpiredThenExpiredTokenException() {
        String saml = TestResponse.alice().confirmationNotOnOrAfter(NOW.minus(Duration.ofMinutes(2))).base64();
        assertThat(sts.refusal(saml)).isEqualTo(expired("Response has expired"));
    }

    @Test
    void validateWhenExpiredWithinClockSkewThenAccepted() {
        String saml = TestResponse.alice().notOnOrAfter(NOW.minusSeconds(30)).base64();
        assertThat(sts.assume(saml)).isNotNull();
    }

    @Test
    void validateWhenExpiredWithinSkewButSkewZeroThenExpiredTokenException() {
        TestSts strict = new TestSts(TestIam.standard(), SamlSettings.defaults().withClockSkew(Duration.ZERO),
                TestSts.NOW);
        String saml = TestResponse.alice().notOnOrAfter(NOW.minusSeconds(30)).base64();
        assertThat(strict.refusal(saml)).isEqualTo(expired("Response has expired"));
    }

    @Test
    void validateWhenNotBeforeInTheFutureThenInvalidIdentityToken() {
        String saml = TestResponse.alice().notBefore(NOW.plus(Duration.ofMinutes(3))).base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid("Invalid SAML response: the assertion is not yet valid"));
    }

    @Test
    void validateWhenWrongAudienceThenInvalidIdentityToken() {
        String saml = TestResponse.alice().audiences("https://evil.example.net/saml").base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid("Response does not contain the required audience."));
    }

    @Test
    void validateWhenNoAudienceRestrictionThenInvalidIdentityToken() {
        String saml = TestResponse.alice().beforeSigning(assertion -> {
            Element conditions = Dom.first(assertion, SamlNames.ASSERTION, "Conditions");
            conditions.removeChild(conditions.getFirstChild());
        }).base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid("Response does not contain the required audience."));
    }

    @Test
    void validateWhenAudienceIsSpEntityIdOrRegionalUrlThenAccepted() {
        assertThat(sts.assume(TestResponse.alice().audiences("urn:amazon:webservices").base64())).isNotNull();
        assertThat(sts.assume(TestResponse.alice().audiences("https://eu-west-1.signin.aws.amazon.com/saml").base64()))
                .isNotNull();
    }

    @Test
    void validateWhenRecipientNotAnAwsSignInUrlThenInvalidIdentityToken() {
        String saml = TestResponse.alice().recipient("https://evil.example.net/saml").base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid(
                "Invalid SAML response: the Recipient 'https://evil.example.net/saml' is not an AWS sign-in URL"));
    }

    @Test
    void validateWhenRecipientLooksLikeAwsButIsHttpThenInvalidIdentityToken() {
        String saml = TestResponse.alice().recipient("http://signin.aws.amazon.com/saml").base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid(
                "Invalid SAML response: the Recipient 'http://signin.aws.amazon.com/saml' is not an AWS sign-in URL"));
    }

    @Test
    void validateWhenRecipientIsAnotherProvidersAcsUrlThenInvalidIdentityToken() {
        String acs = "https://signin.aws.amazon.com/saml/acs/SAMLSPOTHERPROVIDER0001";
        assertThat(sts.refusal(TestResponse.alice().recipient(acs).base64())).isEqualTo(invalid(
                "Invalid SAML response: the Recipient '" + acs + "' is not an AWS sign-in URL"));
    }

    @Test
    void validateWhenTwoSubjectConfirmationsThenInvalidIdentityToken() {
        String saml = TestResponse.alice().beforeSigning(assertion -> {
            Element confirmation = Dom.first(assertion, SamlNames.ASSERTION, "SubjectConfirmation");
            confirmation.getParentNode().appendChild(confirmation.cloneNode(true));
        }).base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid(
                "Invalid SAML response: the Subject must have exactly one bearer SubjectConfirmation"));
    }

    @Test
    void validateWhenSubjectConfirmationNotBearerThenInvalidIdentityToken() {
        String saml = TestResponse.alice().beforeSigning(assertion -> Dom.first(assertion, SamlNames.ASSERTION,
                "SubjectConfirmation").setAttributeNS(null, "Method", "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"))
                .base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid(
                "Invalid SAML response: the Subject must have exactly one bearer SubjectConfirmation"));
    }

    @Test
    void validateWhenSubjectConfirmationDataLacksRecipientThenInvalidIdentityToken() {
        String saml = TestResponse.alice().beforeSigning(assertion -> Dom.first(assertion, SamlNames.ASSERTION,
                "SubjectConfirmationData").removeAttributeNS(null, "Recipient")).base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid(
                "Invalid SAML response: SubjectConfirmationData must have a Recipient and a NotOnOrAfter"));
    }

    @Test
    void validateWhenSubjectConfirmationDataLacksNotOnOrAfterThenInvalidIdentityToken() {
        String saml = TestResponse.alice().beforeSigning(assertion -> Dom.first(assertion, SamlNames.ASSERTION,
                "SubjectConfirmationData").removeAttributeNS(null, "NotOnOrAfter")).base64();
        assertThat(sts.refusal(saml)).isEqualTo(invalid(
                "Invalid SAML response: SubjectConfirmationData must have a Recipient and a NotOnOrAfter"));
    }

    @Test
    void validateWhenNoNameIdThenAccessDenied() {
        assertThat(sts.refusal(TestResponse.alice().withoutNameId().base64())).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void validateWhenStatusNotSuccessThenIdpRejectedClaim() {
        String saml = TestResponse.alice().statusCode("urn:oasis:names:tc:SAML:2.0:status:Requester").base64();
        assertThat(sts.refusal(saml)).isEqualTo(AwsError.sender("IDPRejectedClaim",
                "The identity provider reported that authentication failed: StatusCode "
                        + "'urn:oasis:names:tc:SAML:2.0:status:Requester'", 403));
    }

    @Test
    void authorizeWhenRolePairNotInAssertionThenAccessDenied() {
        var request = new AssumeRoleWithSamlRequest(TestResponse.EVIL_ROLE_ARN, TestResponse.PROVIDER_ARN,
                TestResponse.alice().base64(), Optional.empty(), Optional.empty(), List.of());
        assertThat(sts.refusal(request)).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void authorizeWhenNoRoleAttributeThenAccessDenied() {
        assertThat(sts.refusal(TestResponse.alice().removeAttribute(ATTR + "Role").base64())).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void authorizeWhenRolePairsCommaJoinedInOneValueThenAccessDenied() {
        String saml = TestResponse.alice().replaceAttribute(ATTR + "Role", TestResponse.ROLE_ARN + ","
                + TestResponse.PROVIDER_ARN + "," + TestResponse.EVIL_ROLE_ARN + "," + TestResponse.PROVIDER_ARN).base64();
        assertThat(sts.refusal(saml)).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void authorizeWhenRoleInAnotherAccountThenValidationError() {
        String otherRole = "arn:aws:iam::444455556666:role/SamlAdmin";
        var request = new AssumeRoleWithSamlRequest(otherRole, TestResponse.PROVIDER_ARN,
                TestResponse.alice().role(otherRole, TestResponse.PROVIDER_ARN).base64(), Optional.empty(),
                Optional.empty(), List.of());
        assertThat(sts.refusal(request))
                .isEqualTo(AwsError.validation("Principal exists outside the account of the Role being assumed."));
    }

    @Test
    void authorizeWhenProviderDoesNotExistThenInvalidIdentityToken() {
        TestSts noProvider = new TestSts(new TestIam(), SamlSettings.defaults(), TestSts.NOW);
        assertThat(noProvider.refusal(TestResponse.alice().base64()))
                .isEqualTo(invalid("Specified provider doesn't exist."));
    }

    @Test
    void authorizeWhenRoleDoesNotExistThenAccessDenied() {
        TestSts noRole = new TestSts(new TestIam().add(TestProviders.stsbridge()), SamlSettings.defaults(),
                TestSts.NOW);
        assertThat(noRole.refusal(TestResponse.alice().base64())).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void validateWhenOneTimeUseAndAssertionReplayedThenInvalidIdentityToken() {
        TestSts once = new TestSts(TestIam.standard(), SamlSettings.defaults().withOneTimeUse(true), TestSts.NOW);
        String saml = TestResponse.alice().base64();
        once.assume(saml);
        assertThat(once.refusal(saml)).isEqualTo(invalid(
                "Invalid SAML response: assertion '_assert-8e41b7' was already redeemed (one-time use is on)"));
    }
}
