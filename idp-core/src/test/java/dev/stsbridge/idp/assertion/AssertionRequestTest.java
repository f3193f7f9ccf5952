package dev.stsbridge.idp.assertion;

import static dev.stsbridge.idp.assertion.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssertionRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://signin.aws.amazon.com/saml",
            "https://us-east-1.signin.aws.amazon.com/saml",
            "https://eu-central-1.signin.aws.amazon.com/saml",
            "https://us-gov-west-1.signin.amazonaws-us-gov.com/saml",
            "https://signin.amazonaws-us-gov.com/saml",
            "https://signin.amazonaws.cn/saml",
            "https://cn-north-1.signin.amazonaws.cn/saml",
            "https://signin.aws.amazon.com/static/saml",
            "https://us-west-2.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46"})
    void awsSignInUrlAcceptsAwsSignInEndpoints(String url) {
        assertThat(AwsSignInUrl.of(url).value()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://signin.aws.amazon.com/saml",
            "https://signin.aws.amazon.com/saml/",
            "https://signin.aws.amazon.com/saml?x=1",
            "https://signin.aws.amazon.com.evil.example/saml",
            "https://evil.example/signin.aws.amazon.com/saml",
            "https://127.0.0.1:8090/saml",
            "https://signin.aws.amazon.com/saml/acs/",
            "https://signin.aws.amazon.com/saml/acs/a/b",
            ""})
    void awsSignInUrlRefusesEverythingElseSayingWhatItExpects(String url) {
        assertThatThrownBy(() -> AwsSignInUrl.of(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an AWS sign-in URL: '" + url + "' (expected https://signin.aws.amazon.com/saml, "
                        + "https://<region>.signin.aws.amazon.com/saml, the China or GovCloud sign-in URL, or its "
                        + "/saml/acs/<IdP-ID> form)");
    }

    @Test
    void awsSignInUrlKnowsTheEncryptedAcsForm() {
        assertThat(AwsSignInUrl.of("https://us-west-2.signin.aws.amazon.com/saml/acs/SAMLSPX").acsForm()).isTrue();
        assertThat(AwsSignInUrl.GLOBAL.acsForm()).isFalse();
    }

    @Test
    void builderAppliesAwsDefaults() {
        AssertionRequest request = Fixtures.request().build();
        assertThat(request.audience()).isEqualTo("urn:amazon:webservices");
        assertThat(request.validity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(request.inResponseTo()).isEmpty();
        assertThat(request.destination()).isEqualTo(AwsSignInUrl.GLOBAL);
    }

    @Test
    void buildWhenValidityZeroThenRefused() {
        assertThatThrownBy(() -> Fixtures.request().validity(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assertion validity must be more than 0 and at most 60 minutes, was PT0S");
    }

    @Test
    void buildWhenValidityOverAnHourThenRefused() {
        assertThatThrownBy(() -> Fixtures.request().validity(Duration.ofMinutes(61)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assertion validity must be more than 0 and at most 60 minutes, was PT1H1M");
    }

    @Test
    void buildWhenSessionEndsBeforeLoginThenRefused() {
        assertThatThrownBy(() -> Fixtures.request().authnInstant(NOW).sessionNotOnOrAfter(NOW).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sessionNotOnOrAfter 2026-11-25T12:00:00.123Z must be after the authentication instant "
                        + "2026-11-25T12:00:00.123Z");
    }

    @Test
    void buildWhenInResponseToIsNotAnNcNameThenRefused() {
        assertThatThrownBy(() -> Fixtures.request().inResponseTo("1\"><x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inResponseTo is not a SAML ID (xs:NCName): '1\"><x'");
    }

    @Test
    void buildWhenIssuerBlankThenRefused() {
        assertThatThrownBy(() -> AssertionRequest.builder(" ", AwsSignInUrl.GLOBAL).authnInstant(NOW)
                .authnContextClassRef(AssertionRequest.PASSWORD).sessionIndex("s")
                .sessionNotOnOrAfter(NOW.plusSeconds(60)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("issuer must not be empty");
    }

    @Test
    void buildWhenAuthnInstantMissingThenRefusedNamingIt() {
        assertThatThrownBy(() -> AssertionRequest.builder("idp", AwsSignInUrl.GLOBAL)
                .authnContextClassRef(AssertionRequest.PASSWORD).sessionIndex("s")
                .sessionNotOnOrAfter(NOW).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("authnInstant");
    }
}
