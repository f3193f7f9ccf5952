package dev.stsbridge.idp.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.DecryptionException;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;

/** Encrypted assertions: decrypted by OpenSAML and by xmlsec1, after which the assertion's signature still holds. */
class AssertionEncrypterTest {

    private static final SigningKey IDP = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final SigningKey SP = new SigningKeyGenerator(Fixtures.CLOCK)
            .generate(KeyAlgorithm.RSA_2048, "urn:amazon:webservices", Duration.ofDays(365));
    private static final SigningKey OTHER_SP = new SigningKeyGenerator(Fixtures.CLOCK)
            .generate(KeyAlgorithm.RSA_2048, "urn:other", Duration.ofDays(365));
    private static final String ACS = "https://us-west-2.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46";
    private static final String DECRYPTED_ASSERTION_SIGNATURE =
            "/*[local-name()='Response']/*[local-name()='EncryptedAssertion']/*[local-name()='Assertion']"
                    + "/*[local-name()='Signature']";

    @TempDir
    Path dir;

    private static AwsResponse encryptedModeResponse() {
        AssertionRequest request = Fixtures.request().build();
        return new AssertionFactory(Fixtures.CLOCK).build(Fixtures.alice(), Fixtures.aliceNameId(),
                new AssertionRequest(request.issuer(), AwsSignInUrl.of(ACS), request.audience(), Optional.empty(),
                        request.authnInstant(), request.authnContextClassRef(), request.sessionIndex(),
                        request.validity(), request.sessionNotOnOrAfter()));
    }

    private static SignedResponse encrypt(SigningMode mode, EncryptionSettings settings) {
        return new ResponseSigner(IDP, mode).sign(encryptedModeResponse(),
                new AssertionEncrypter(SP.certificate(), settings));
    }

    private static Assertion decryptWithOpenSaml(byte[] xml, SigningKey sp) throws DecryptionException {
        Response response = OpenSamlChecks.unmarshal(xml);
        EncryptedAssertion encrypted = response.getEncryptedAssertions().get(0);
        Decrypter decrypter = new Decrypter(null, new StaticKeyInfoCredentialResolver(
                new BasicX509Credential(sp.certificate(), sp.privateKey())), new InlineEncryptedKeyResolver());
        decrypter.setRootInNewDocument(true);
        return decrypter.decrypt(encrypted);
    }

    @Test
    void encryptGivesOnlyAnEncryptedAssertionWithAesGcmAndRsaOaepMgf1pToTheSpCertificate() {
        SignedResponse signed = encrypt(SigningMode.ASSERTION, EncryptionSettings.DEFAULT);
        Xml xml = Xml.parse(signed.xml());
        assertThat(signed.encrypted()).isTrue();
        assertThat(xml.childNames("/samlp:Response")).containsExactly("Issuer", "Status", "EncryptedAssertion");
        String data = "/samlp:Response/saml:EncryptedAssertion/xenc:EncryptedData";
        assertThat(xml.string(data + "/xenc:EncryptionMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2009/xmlenc11#aes256-gcm");
        String key = data + "/ds:KeyInfo/xenc:EncryptedKey";
        assertThat(xml.string(key + "/xenc:EncryptionMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p");
        assertThat(xml.string(key + "/ds:KeyInfo/ds:X509Data/ds:X509Certificate").replaceAll("\\s", ""))
                .isEqualTo(Base64.getEncoder().encodeToString(encoded(SP)));
        assertThat(signed.xmlText()).doesNotContain("alice@example.com").doesNotContain("role/Admin");
        assertThat(xml.string("/samlp:Response/@Destination")).isEqualTo(ACS);
    }

    @Test
    void encryptThenOpenSamlDecrypterRecoversTheAssertionWhoseSignatureStillVerifies() throws Exception {
        SignedResponse signed = encrypt(SigningMode.ASSERTION, EncryptionSettings.DEFAULT);
        Assertion assertion = decryptWithOpenSaml(signed.xml(), SP);
        assertThat(assertion.getID()).isEqualTo(signed.assertionId());
        assertThat(assertion.getSubject().getSubjectConfirmations().get(0).getSubjectConfirmationData()
                .getRecipient()).isEqualTo(ACS);
        OpenSamlChecks.validate(assertion.getSignature(), IDP.certificate());
    }

    @Test
    void encryptThenXmlSec1DecryptsAndTheAssertionSignatureStillVerifies() {
        SignedResponse signed = encrypt(SigningMode.ASSERTION, EncryptionSettings.DEFAULT);
        XmlSec1 xmlsec1 = new XmlSec1(dir);
        byte[] decrypted = xmlsec1.decrypt(signed.xml(), SP.privateKey());
        Xml xml = Xml.parse(decrypted);
        assertThat(xml.string("/samlp:Response/saml:EncryptedAssertion/saml:Assertion/@ID"))
                .isEqualTo(signed.assertionId());
        XmlSec1.Result result = xmlsec1.verify(decrypted, IDP.certificate(), DECRYPTED_ASSERTION_SIGNATURE);
        assertThat(result.verified()).as(result.output()).isTrue();
    }

    @Test
    void encryptWithBothModesThenResponseSignatureCoversTheEncryptedAssertion() throws Exception {
        SignedResponse signed = encrypt(SigningMode.BOTH, EncryptionSettings.DEFAULT);
        XmlSec1.Result result = new XmlSec1(dir).verify(signed.xml(), IDP.certificate(), XmlSec1.RESPONSE_SIGNATURE);
        assertThat(result.verified()).as(result.output()).isTrue();
        Response response = OpenSamlChecks.unmarshal(signed.xml());
        OpenSamlChecks.validate(response.getSignature(), IDP.certificate());
        OpenSamlChecks.validate(decryptWithOpenSaml(signed.xml(), SP).getSignature(), IDP.certificate());
    }

    @Test
    void encryptWithBothModesWhenCipherTextTamperedThenResponseSignatureFails() {
        SignedResponse signed = encrypt(SigningMode.BOTH, EncryptionSettings.DEFAULT);
        Xml xml = Xml.parse(signed.xml());
        String cipher = xml.string("//xenc:EncryptedData/xenc:CipherData/xenc:CipherValue");
        String flipped = (cipher.charAt(10) == 'A' ? "B" : "A");
        byte[] tampered = signed.xmlText().replace(cipher, cipher.substring(0, 10) + flipped + cipher.substring(11))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        XmlSec1.Result result = new XmlSec1(dir).verify(tampered, IDP.certificate(), XmlSec1.RESPONSE_SIGNATURE);
        assertThat(result.verified()).as(result.output()).isFalse();
    }

    @Test
    void encryptWithRsaOaepSha256ThenOpenSamlDecryptsAndAlgorithmsAreNamed() throws Exception {
        EncryptionSettings settings = new EncryptionSettings(EncryptionSettings.KeyTransport.RSA_OAEP_SHA256, true,
                Optional.empty());
        SignedResponse signed = encrypt(SigningMode.ASSERTION, settings);
        Xml xml = Xml.parse(signed.xml());
        String method = "//xenc:EncryptedKey/xenc:EncryptionMethod";
        assertThat(xml.string(method + "/@Algorithm")).isEqualTo("http://www.w3.org/2009/xmlenc11#rsa-oaep");
        assertThat(xml.string(method + "/ds:DigestMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
        assertThat(xml.string(method + "/xenc11:MGF/@Algorithm"))
                .isEqualTo("http://www.w3.org/2009/xmlenc11#mgf1sha256");
        OpenSamlChecks.validate(decryptWithOpenSaml(signed.xml(), SP).getSignature(), IDP.certificate());
    }

    @Test
    void encryptWithKeyNameOnlyThenEncryptedKeyNamesTheKeyAndCarriesNoCertificate() throws Exception {
        SignedResponse signed = encrypt(SigningMode.ASSERTION, new EncryptionSettings(
                EncryptionSettings.KeyTransport.RSA_OAEP_MGF1P, false, Optional.of("aws-encryption-2026")));
        Xml xml = Xml.parse(signed.xml());
        assertThat(xml.childNames("//xenc:EncryptedKey/ds:KeyInfo")).containsExactly("KeyName");
        assertThat(xml.string("//xenc:EncryptedKey/ds:KeyInfo/ds:KeyName")).isEqualTo("aws-encryption-2026");
        assertThat(decryptWithOpenSaml(signed.xml(), SP).getID()).isEqualTo(signed.assertionId());
    }

    @Test
    void encryptWithoutCertificateOrKeyNameThenEncryptedKeyHasNoKeyInfo() throws Exception {
        SignedResponse signed = encrypt(SigningMode.ASSERTION, new EncryptionSettings(
                EncryptionSettings.KeyTransport.RSA_OAEP_MGF1P, false, Optional.empty()));
        assertThat(Xml.parse(signed.xml()).exists("//xenc:EncryptedKey/ds:KeyInfo")).isFalse();
        assertThat(decryptWithOpenSaml(signed.xml(), SP).getID()).isEqualTo(signed.assertionId());
    }

    @Test
    void decryptWithAnotherSpKeyThenFails() {
        SignedResponse signed = encrypt(SigningMode.ASSERTION, EncryptionSettings.DEFAULT);
        assertThatThrownBy(() -> decryptWithOpenSaml(signed.xml(), OTHER_SP)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void encrypterWhenSpCertificateHasEcKeyThenRefused() {
        SigningKey ec = Fixtures.key(KeyAlgorithm.EC_P256);
        assertThatThrownBy(() -> new AssertionEncrypter(ec.certificate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot encrypt to the SP certificate CN=idp.example.com: its key is EC, RSA-OAEP key "
                        + "transport needs an RSA key");
    }

    @Test
    void encryptionSettingsWhenKeyNameBlankThenRefused() {
        assertThatThrownBy(() -> new EncryptionSettings(EncryptionSettings.KeyTransport.RSA_OAEP_MGF1P, true,
                Optional.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the encryption key name must not be empty");
    }

    private static byte[] encoded(SigningKey key) {
        try {
            return key.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
