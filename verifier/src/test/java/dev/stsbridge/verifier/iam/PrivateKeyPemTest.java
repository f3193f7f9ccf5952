package dev.stsbridge.verifier.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestPki;

class PrivateKeyPemTest {

    private static final KeyPair RSA = TestPki.rsa2048();

    @Test
    void parseReadsPkcs8() throws Exception {
        assertThat(PrivateKeyPem.parse(TestPki.pkcs8Pem(RSA.getPrivate())).getEncoded())
                .isEqualTo(RSA.getPrivate().getEncoded());
    }

    @Test
    void parseReadsPkcs1() throws Exception {
        String pem = TestPki.traditionalPem(RSA);

        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(PrivateKeyPem.parse(pem).getEncoded()).isEqualTo(RSA.getPrivate().getEncoded());
    }

    @Test
    void parseWhenNotPemThenRefused() {
        assertThatThrownBy(() -> PrivateKeyPem.parse("hello")).isInstanceOf(PrivateKeyPem.InvalidPrivateKeyException.class)
                .hasMessage("no PEM object found");
    }

    @Test
    void parseWhenTheBase64IsBrokenThenRefused() {
        assertThatThrownBy(() -> PrivateKeyPem.parse("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(PrivateKeyPem.InvalidPrivateKeyException.class).hasMessage("the PEM text does not parse as a key");
    }

    @Test
    void parseWhenAnEcKeyThenRefused() {
        assertThatThrownBy(() -> PrivateKeyPem.parse(TestPki.traditionalPem(TestPki.ec("secp256r1"))))
                .isInstanceOf(PrivateKeyPem.InvalidPrivateKeyException.class)
                .hasMessage("a EC key; encrypted assertions need RSA");
    }

    @Test
    void parseWhenTheKeyIsUnder2048BitsThenRefused() {
        assertThatThrownBy(() -> PrivateKeyPem.parse(TestPki.pkcs8Pem(TestPki.rsa(1024).getPrivate())))
                .isInstanceOf(PrivateKeyPem.InvalidPrivateKeyException.class)
                .hasMessage("a 1024-bit RSA key; at least 2048 bits are needed");
    }

    @Test
    void parseWhenTwoObjectsThenRefused() {
        String pem = TestPki.pkcs8Pem(RSA.getPrivate());

        assertThatThrownBy(() -> PrivateKeyPem.parse(pem + pem))
                .isInstanceOf(PrivateKeyPem.InvalidPrivateKeyException.class)
                .hasMessage("the PEM text holds more than one object");
    }

    @Test
    void parseWhenACertificateInsteadOfAKeyThenRefused() throws Exception {
        String certificate = "-----BEGIN CERTIFICATE-----\n"
                + TestPki.base64(TestPki.selfSigned(RSA, "x")) + "\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> PrivateKeyPem.parse(certificate))
                .isInstanceOf(PrivateKeyPem.InvalidPrivateKeyException.class)
                .hasMessage("the PEM object is not an unencrypted private key");
    }
}
