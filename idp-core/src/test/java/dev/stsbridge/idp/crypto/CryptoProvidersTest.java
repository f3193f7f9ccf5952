package dev.stsbridge.idp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;

class CryptoProvidersTest {

    private static final SigningKey RSA = new SigningKeyGenerator(Clock.systemUTC())
            .generate(KeyAlgorithm.RSA_2048, "https://idp.example.com", Duration.ofDays(1));

    @Test
    void chooseNativeWhenLibraryDidNotLoadThenEmptySoThatJdkProvidersSign() {
        Optional<Provider> chosen = CryptoProviders.chooseNative(() -> {
            throw new IllegalStateException("native library did not load: libamazonCorrettoCryptoProvider.so");
        });
        assertThat(chosen).isEmpty();
        assertThat(CryptoProviders.providerFor(chosen, "SHA256withRSA").getName()).isEqualTo("SunRsaSign");
        assertThat(CryptoProviders.providerFor(chosen, "SHA256withECDSAinP1363Format").getName()).isEqualTo("SunEC");
    }

    @Test
    void chooseNativeWhenClassesMissingThenEmpty() {
        assertThat(CryptoProviders.chooseNative(() -> {
            throw new NoClassDefFoundError("com/amazon/corretto/crypto/provider/AmazonCorrettoCryptoProvider");
        })).isEmpty();
    }

    @Test
    void providerForWhenPreferredLacksTheAlgorithmThenJdkProvider() {
        Provider empty = new Provider("Empty", "1", "offers nothing") { };
        assertThat(CryptoProviders.providerFor(Optional.of(empty), "SHA256withRSA").getName()).isEqualTo("SunRsaSign");
        assertThat(CryptoProviders.providerFor(Optional.of(empty), "SHA256withRSA")).isNotSameAs(empty);
    }

    @Test
    void providerForWhenNoProviderOffersTheAlgorithmThenSaysWhich() {
        assertThatThrownBy(() -> CryptoProviders.providerFor(Optional.empty(), "SHA256withNothing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no JCA provider offers SHA256withNothing");
    }

    @Test
    void signatureProviderIsAccpOnLinuxX8664AndTheJdkElsewhere() {
        // The build ships ACCP's linux-x86_64 jar: its native library loads there and nowhere else.
        boolean linuxX8664 = System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        assertThat(CryptoProviders.nativeSignatures()).as(CryptoProviders.describe()).isEqualTo(linuxX8664);
        if (linuxX8664) {
            assertThat(CryptoProviders.signatureProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
            assertThat(CryptoProviders.describe()).startsWith("AmazonCorrettoCryptoProvider 2.5").endsWith("(native)");
        } else {
            assertThat(CryptoProviders.signatureProvider().getName()).isEqualTo("SunRsaSign");
        }
    }

    @Test
    void preparedKeySignsWhatTheJdkVerifies() throws Exception {
        PrivateKey prepared = CryptoProviders.prepare(RSA.privateKey(), "SHA256withRSA");
        Signature signer = CryptoProviders.newSignature("SHA256withRSA");
        signer.initSign(prepared);
        byte[] data = "SignedInfo".getBytes(StandardCharsets.UTF_8);
        signer.update(data);
        byte[] value = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        verifier.initVerify(RSA.certificate().getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(value)).isTrue();
    }
}
