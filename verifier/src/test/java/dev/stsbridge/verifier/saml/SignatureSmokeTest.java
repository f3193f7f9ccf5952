package dev.stsbridge.verifier.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestProviders;
import dev.stsbridge.verifier.testing.TestResponse;

class SignatureSmokeTest {
    @Test
    void verifyWhenAssertionSignedByRegisteredKeyThenVerified() {
        byte[] xml = SamlResponseDecoder.decode(TestResponse.alice().base64());
        ParsedResponse parsed = ParsedResponse.parse(xml);
        OpenedResponse opened = new AssertionDecrypter().open(parsed, TestProviders.stsbridge());
        VerifiedAssertion verified = new SignatureVerifier().verify(opened, List.of(TestKeys.idp().certificate()));
        assertThat(verified.id()).isEqualTo("_assert-8e41b7");
        System.out.println(new String(xml, StandardCharsets.UTF_8));
    }
}
