package dev.stsbridge.verifier.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;
import dev.stsbridge.verifier.testing.InMemoryCredentialIssuer;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

class SignInFlowTest {
    private final SignInFlow flow = new SignInFlow(TestIam.standard(), uuid -> Optional.empty(), new TrustPolicies(),
            new InMemoryCredentialIssuer(), Clock.fixed(TestSts.NOW, ZoneOffset.UTC),
            SignInSettings.defaults().withSaml(SamlSettings.defaults().withOneTimeUse(true)));

    @Test
    void assumeWhenOneTimeUseThenPickerViewsDoNotRedeemButTheSignInDoes() {
        String saml = TestResponse.alice().base64();
        flow.verify(saml, Optional.empty());
        List<ValidatedClaims> verified = flow.verify(saml, Optional.empty());
        SignInFlow.Choice choice = SignInFlow.choices(verified).get(0);

        assertThat(flow.assume(choice).grant().assumedRoleArn()).endsWith("assumed-role/SamlAdmin/alice@example.com");
        SignInFlow.Choice again = SignInFlow.choices(flow.verify(saml, Optional.empty())).get(0);
        assertThatThrownBy(() -> flow.assume(again)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).error()).isEqualTo(AwsError.invalidIdentityToken(
                        "Invalid SAML response: assertion '_assert-8e41b7' was already redeemed (one-time use is on)"));
    }

    @Test
    void verifyWhenRoleAttributeNamesUnknownProviderThenProviderDoesNotExist() {
        String saml = TestResponse.alice().role("arn:aws:iam::111122223333:role/Other",
                "arn:aws:iam::111122223333:saml-provider/unknown").base64();
        assertThatThrownBy(() -> flow.verify(saml, Optional.empty())).isInstanceOf(AwsException.class)
                .hasMessage("InvalidIdentityToken: Specified provider doesn't exist.");
    }
}
