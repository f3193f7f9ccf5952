package dev.stsbridge.verifier.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestProviders;
import dev.stsbridge.verifier.testing.TestResponse;

class SignatureWarningsTest {
    private static VerifiedAssertion verify(TestResponse response) {
        ParsedResponse parsed = ParsedResponse.parse(SamlResponseDecoder.decode(response.base64()));
        OpenedResponse opened = new AssertionDecrypter().open(parsed, TestProviders.stsbridge());
        return new SignatureVerifier().verify(opened, List.of(TestKeys.idp().certificate()));
    }

    @Test
    void verifyWhenRsaSha1AndSha1DigestThenAcceptedWithBothWarnings() {
        VerifiedAssertion verified = verify(TestResponse.alice()
                .signatureAlgorithm("http://www.w3.org/2000/09/xmldsig#rsa-sha1")
                .digestAlgorithm("http://www.w3.org/2000/09/xmldsig#sha1"));
        assertThat(verified.warnings()).containsExactly(
                "weak signature algorithm accepted: http://www.w3.org/2000/09/xmldsig#rsa-sha1",
                "weak digest algorithm accepted: http://www.w3.org/2000/09/xmldsig#sha1");
    }

    @Test
    void verifyWhenRsaSha256ThenNoWarning() {
        assertThat(verify(TestResponse.alice()).warnings()).isEmpty();
    }

    @Test
    void verifyWhenResponseSignedThenTheAssertionElementOfThatResponseIsTheVerifiedOne() {
        VerifiedAssertion verified = verify(TestResponse.alice().signed(TestResponse.Signed.RESPONSE));
        assertThat(verified.id()).isEqualTo("_assert-8e41b7");
        assertThat(verified.assertion().getParentNode().getLocalName()).isEqualTo("Response");
    }
}
