package dev.stsbridge.verifier.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.xml.security.encryption.XMLCipher;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.iam.AssertionEncryptionMode;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.testing.TestEncryption;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestProviders;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** Encrypted assertions: mode Required / Allowed, keys, algorithms and the ACS Recipient rule. */
class EncryptedAssertionTest {
    private static final String ACS = "https://signin.aws.amazon.com/saml/acs/" + TestProviders.UUID;
    private static final AwsError CANNOT_DECRYPT = AwsError.invalidIdentityToken(
            "Invalid SAML response: the assertion cannot be decrypted with the provider's private keys");

    private static TestSts sts(AssertionEncryptionMode mode) {
        TestIam iam = TestIam.standard().add(TestProviders.encrypting(mode, TestKeys.spEncryption()));
        iam.addRole(TestResponse.ROLE_ARN, TestIam.TRUST_ALL_SAML_ACTIONS.replace(
                "\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"",
                "\"SAML:aud\":[\"https://signin.aws.amazon.com/saml\",\"" + ACS + "\"]"), 43200, Map.of());
        return new TestSts(iam, SamlSettings.defaults(), TestSts.NOW);
    }

    private static TestResponse encrypted(TestEncryption encryption) {
        return TestResponse.alice().recipient(ACS).encryptTo(encryption);
    }

    @Test
    void decryptWhenRequiredAndPlainAssertionThenInvalidIdentityToken() {
        assertThat(sts(AssertionEncryptionMode.Required).refusal(TestResponse.alice().base64()))
                .isEqualTo(AwsError.invalidIdentityToken("Invalid SAML response: the provider requires encrypted "
                        + "assertions (AssertionEncryptionMode Required)"));
    }

    @Test
    void decryptWhenAllowedAndPlainAssertionThenAccepted() {
        assertThat(sts(AssertionEncryptionMode.Allowed).assume(TestResponse.alice().base64())).isNotNull();
    }

    @Test
    void decryptWhenAllowedAndEncryptedThenAccepted() {
        String saml = encrypted(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey())).base64();
        assertThat(sts(AssertionEncryptionMode.Allowed).assume(saml).audience()).isEqualTo(ACS);
    }

    @Test
    void decryptWhenAes128CbcWithXmlenc11RsaOaepThenAccepted() {
        String saml = encrypted(new TestEncryption(TestKeys.spEncryption().publicKey(), XMLCipher.AES_128,
                XMLCipher.RSA_OAEP_11, 128)).base64();
        assertThat(sts(AssertionEncryptionMode.Required).assume(saml)).isNotNull();
    }

    @Test
    void decryptWhenResponseSignedOverEncryptedAssertionThenAccepted() {
        String saml = encrypted(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey()))
                .signed(TestResponse.Signed.RESPONSE).base64();
        assertThat(sts(AssertionEncryptionMode.Required).assume(saml)).isNotNull();
    }

    @Test
    void decryptWhenEncryptedToAnotherKeyThenInvalidIdentityToken() {
        String saml = encrypted(TestEncryption.aes256Gcm(TestKeys.attacker().publicKey())).base64();
        assertThat(sts(AssertionEncryptionMode.Required).refusal(saml)).isEqualTo(CANNOT_DECRYPT);
    }

    @Test
    void decryptWhenProviderHasNoPrivateKeyThenInvalidIdentityToken() {
        String saml = encrypted(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey())).base64();
        assertThat(TestSts.standard().refusal(saml)).isEqualTo(CANNOT_DECRYPT);
    }

    @Test
    void decryptWhenRsaPkcs1v15KeyTransportThenInvalidIdentityToken() {
        String saml = encrypted(new TestEncryption(TestKeys.spEncryption().publicKey(), XMLCipher.AES_256_GCM,
                XMLCipher.RSA_v1dot5, 256)).base64();
        assertThat(sts(AssertionEncryptionMode.Required).refusal(saml)).isEqualTo(AwsError.invalidIdentityToken(
                "Invalid SAML response: encryption algorithm not allowed: 'http://www.w3.org/2001/04/xmlenc#rsa-1_5'"));
    }

    @Test
    void decryptWhenEncryptedButUnsignedThenInvalidIdentityToken() {
        String saml = encrypted(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey()))
                .signed(TestResponse.Signed.NONE).base64();
        assertThat(sts(AssertionEncryptionMode.Required).refusal(saml)).isEqualTo(AwsError.invalidIdentityToken(
                "Response signature invalid: neither the Response nor the Assertion is signed"));
    }

    @Test
    void validateWhenEncryptedAssertionRecipientIsPlainSamlUrlThenInvalidIdentityToken() {
        String saml = TestResponse.alice().encryptTo(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey()))
                .base64();
        assertThat(sts(AssertionEncryptionMode.Required).refusal(saml)).isEqualTo(AwsError.invalidIdentityToken(
                "Invalid SAML response: the Recipient of an encrypted assertion must be the provider's /saml/acs/"
                        + TestProviders.UUID + " URL, not 'https://signin.aws.amazon.com/saml'"));
    }

    @Test
    void decryptWhenManyEncryptedKeysThenRefusedBeforeAnyRsaOperation() {
        org.w3c.dom.Document document = encrypted(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey()))
                .signedDocument();
        org.w3c.dom.Element encryptedAssertion = Dom.first(document.getDocumentElement(),
                dev.stsbridge.verifier.saml.SamlNames.ASSERTION, "EncryptedAssertion");
        org.w3c.dom.Element key = Dom.first(encryptedAssertion, "http://www.w3.org/2001/04/xmlenc#", "EncryptedKey");
        for (int i = 0; i < 50; i++) {
            encryptedAssertion.appendChild(key.cloneNode(true));
        }
        assertThat(sts(AssertionEncryptionMode.Required).refusal(TestResponse.base64(document))).isEqualTo(CANNOT_DECRYPT);
    }
}
