package dev.stsbridge.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SigningKeyGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final SigningKeyGenerator generator = new SigningKeyGenerator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void generateRsa2048GivesSelfSignedCertificateValidFromNowForTheGivenTime() throws Exception {
        SigningKey key = generator.generate(KeyAlgorithm.RSA_2048, "https://idp.example.com/saml", Duration.ofDays(10));

        assertThat(((RSAPublicKey) key.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=idp.example.com");
        assertThat(key.certificate().getIssuerX500Principal()).isEqualTo(key.certificate().getSubjectX500Principal());
        assertThat(key.certificate().getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(key.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(10)));
        assertThat(key.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        key.certificate().verify(key.certificate().getPublicKey());
        assertThat(key.id()).isEqualTo("signing-20261125T120000Z");
    }

    @Test
    void generatedPrivateKeyMatchesTheCertificate() throws Exception {
        SigningKey key = generator.generate(KeyAlgorithm.EC_P256, "urn:example:idp", Duration.ofDays(1));
        assertThat(key.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.privateKey());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key.certificate());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(key.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=urn:example:idp");
    }

    @Test
    void certificateHasEachExtensionOnceAndIsNotACa() {
        SigningKey key = generator.generate(KeyAlgorithm.RSA_2048, "https://idp.example.com", Duration.ofDays(1));
        assertThat(key.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(key.certificate().getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(key.certificate().getNonCriticalExtensionOIDs()).containsExactly("2.5.29.14");
    }

    @Test
    void longEntityIdIsShortenedToTheCommonNameLimit() {
        String entityId = "urn:" + "x".repeat(100);
        assertThat(SigningKeyGenerator.commonName(entityId)).hasSize(64);
    }

    @Test
    void nonPositiveValidityIsRefused() {
        assertThatThrownBy(() -> generator.generate(KeyAlgorithm.RSA_2048, "urn:x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validity");
    }

    @Test
    void parseAcceptsCliSpellings() {
        assertThat(KeyAlgorithm.parse("rsa-4096")).isEqualTo(KeyAlgorithm.RSA_4096);
        assertThat(KeyAlgorithm.parse("EC_P256")).isEqualTo(KeyAlgorithm.EC_P256);
        assertThatThrownBy(() -> KeyAlgorithm.parse("dsa")).hasMessageContaining("rsa-3072");
    }
}
