package dev.stsbridge.idp.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;

/** Signed responses checked by Debian's xmlsec1 with the IdP's certificate only. */
class ResponseSignerXmlSec1Test {

    private static final SigningKey RSA = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final SigningKey EC = Fixtures.key(KeyAlgorithm.EC_P256);
    private static final SigningKey OTHER = Fixtures.key(KeyAlgorithm.RSA_2048);

    @TempDir
    Path dir;

    static Stream<Arguments> modesAndKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (SigningMode mode : SigningMode.values()) {
            cases.add(Arguments.of(mode, "RSA-2048", RSA));
            cases.add(Arguments.of(mode, "EC P-256", EC));
        }
        return cases.stream();
    }

    private static List<String> signaturesOf(SigningMode mode) {
        List<String> xpaths = new ArrayList<>();
        if (mode.signsResponse()) {
            xpaths.add(XmlSec1.RESPONSE_SIGNATURE);
        }
        if (mode.signsAssertion()) {
            xpaths.add(XmlSec1.ASSERTION_SIGNATURE);
        }
        return xpaths;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKeys")
    void xmlsec1VerifiesEverySignatureTheModeAdds(SigningMode mode, String keyName, SigningKey key) {
        byte[] xml = new ResponseSigner(key, mode).sign(Fixtures.aliceResponse()).xml();
        for (String signature : signaturesOf(mode)) {
            XmlSec1.Result result = new XmlSec1(dir).verify(xml, key.certificate(), signature);
            assertThat(result.verified()).as(signature + ": " + result.output()).isTrue();
        }
    }

    @Test
    void xmlsec1AcceptsTheSignedAssertionWithThePlainAssertionCommand() {
        byte[] xml = new ResponseSigner(RSA, SigningMode.ASSERTION).sign(Fixtures.aliceResponse()).xml();
        XmlSec1.Result result = new XmlSec1(dir).verifyFirstSignature(xml, RSA.certificate(), XmlSec1.ASSERTION);
        assertThat(result.verified()).as(result.output()).isTrue();
    }

    @Test
    void xmlsec1AcceptsTheSignedResponseWithThePlainResponseCommand() {
        byte[] xml = new ResponseSigner(RSA, SigningMode.RESPONSE).sign(Fixtures.aliceResponse()).xml();
        XmlSec1.Result result = new XmlSec1(dir).verifyFirstSignature(xml, RSA.certificate(), XmlSec1.RESPONSE);
        assertThat(result.verified()).as(result.output()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SigningMode.class)
    void xmlsec1WhenRoleTamperedThenEverySignatureFails(SigningMode mode) {
        String xml = new ResponseSigner(RSA, mode).sign(Fixtures.aliceResponse()).xmlText();
        byte[] tampered = replace(xml, "111122223333:role/Admin", "999999999999:role/Admin");
        for (String signature : signaturesOf(mode)) {
            XmlSec1.Result result = new XmlSec1(dir).verify(tampered, RSA.certificate(), signature);
            assertThat(result.verified()).as(signature + ": " + result.output()).isFalse();
            assertThat(result.output()).contains("data and digest do not match");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SigningMode.class, names = {"ASSERTION", "BOTH"})
    void xmlsec1WhenNotOnOrAfterExtendedThenAssertionSignatureFails(SigningMode mode) {
        String xml = new ResponseSigner(RSA, mode).sign(Fixtures.aliceResponse()).xmlText();
        byte[] tampered = replace(xml, "NotOnOrAfter=\"2026-11-25T12:05:00.123Z\"",
                "NotOnOrAfter=\"2036-11-25T12:05:00.123Z\"");
        XmlSec1.Result result = new XmlSec1(dir).verify(tampered, RSA.certificate(), XmlSec1.ASSERTION_SIGNATURE);
        assertThat(result.verified()).as(result.output()).isFalse();
    }

    @Test
    void xmlsec1WhenResponseDestinationTamperedThenResponseSignatureFails() {
        String xml = new ResponseSigner(RSA, SigningMode.RESPONSE).sign(Fixtures.aliceResponse()).xmlText();
        byte[] tampered = replace(xml, "Destination=\"https://signin.aws.amazon.com/saml\"",
                "Destination=\"https://us-east-1.signin.aws.amazon.com/saml\"");
        XmlSec1.Result result = new XmlSec1(dir).verify(tampered, RSA.certificate(), XmlSec1.RESPONSE_SIGNATURE);
        assertThat(result.verified()).as(result.output()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SigningMode.class)
    void xmlsec1WhenCheckedWithAnotherCertificateThenFails(SigningMode mode) {
        byte[] xml = new ResponseSigner(RSA, mode).sign(Fixtures.aliceResponse()).xml();
        for (String signature : signaturesOf(mode)) {
            XmlSec1.Result result = new XmlSec1(dir).verify(xml, OTHER.certificate(), signature);
            assertThat(result.verified()).as(signature + ": " + result.output()).isFalse();
        }
    }

    private static byte[] replace(String xml, String from, String to) {
        assertThat(xml).contains(from);
        return xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
