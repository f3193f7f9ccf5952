package dev.stsbridge.tests.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.tests.support.SamlXml;
import dev.stsbridge.tests.support.TestIdp;
import dev.stsbridge.tests.support.XmlSec1;

/**
 * Debian's xmlsec1 verifies every kind of response the IdP emits ({@code assertion.sign: assertion | response |
 * both}), each signature on its own ({@code --node-xpath}) with only the IdP's certificate, and refuses each once a
 * signed value changes.
 */
class XmlSec1SigningModesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    @TempDir
    Path work;

    private TestIdp idp(String signedParts) {
        return TestIdp.fromYaml(TestIdp.demoYaml().replace("sign: assertion", "sign: " + signedParts),
                work.resolve("data"), CLOCK);
    }

    /** The local names of the elements whose direct child is a ds:Signature. */
    private static List<String> signedElements(byte[] xml) {
        Document response = SamlXml.parse(xml);
        var signatures = response.getElementsByTagNameNS(DSIG, "Signature");
        List<String> parents = new java.util.ArrayList<>();
        for (int i = 0; i < signatures.getLength(); i++) {
            Node parent = signatures.item(i).getParentNode();
            parents.add(((Element) parent).getLocalName());
        }
        return parents;
    }

    @ParameterizedTest(name = "sign: {0}")
    @ValueSource(strings = {"assertion", "response", "both"})
    void xmlsec1VerifiesEachSignatureOfEverySigningModeAndRefusesATamperedValue(String mode) {
        try (TestIdp idp = idp(mode)) {
            byte[] xml = idp.respond("alice", RoleChoice.all()).response().xml();
            byte[] tampered = SamlXml.tamper(xml, ">alice@example.com<", ">alicf@example.com<");
            XmlSec1 xmlsec1 = new XmlSec1(work);
            List<String> signatures = switch (mode) {
                case "assertion" -> List.of(XmlSec1.ASSERTION_SIGNATURE);
                case "response" -> List.of(XmlSec1.RESPONSE_SIGNATURE);
                default -> List.of(XmlSec1.ASSERTION_SIGNATURE, XmlSec1.RESPONSE_SIGNATURE);
            };

            assertThat(signedElements(xml)).containsExactlyInAnyOrderElementsOf(
                    signatures.stream().map(s -> s.equals(XmlSec1.ASSERTION_SIGNATURE) ? "Assertion" : "Response").toList());
            for (String signature : signatures) {
                XmlSec1.Result verified = xmlsec1.verify(xml, idp.certificate(), signature);
                assertThat(verified.verified()).as(signature + ": " + verified.output()).isTrue();
                XmlSec1.Result refused = xmlsec1.verify(tampered, idp.certificate(), signature);
                assertThat(refused.exitCode()).as(signature + " after tampering: " + refused.output()).isNotZero();
            }
        }
    }

    @Test
    void withBothSignaturesAChangeOutsideTheAssertionBreaksOnlyTheResponseSignature() {
        try (TestIdp idp = idp("both")) {
            byte[] xml = idp.respond("bob", RoleChoice.all()).response().xml();
            byte[] tampered = SamlXml.tamper(xml, "Destination=\"https://signin.aws.amazon.com/saml\"",
                    "Destination=\"https://signin.aws.amazon.com/samL\"");
            XmlSec1 xmlsec1 = new XmlSec1(work);

            assertThat(xmlsec1.verify(tampered, idp.certificate(), XmlSec1.ASSERTION_SIGNATURE).verified()).isTrue();
            assertThat(xmlsec1.verify(tampered, idp.certificate(), XmlSec1.RESPONSE_SIGNATURE).exitCode()).isNotZero();
        }
    }

    @Test
    void xmlsec1TrustsOnlyTheGivenCertificateNotTheOneInKeyInfo() {
        byte[] xml;
        try (TestIdp idp = idp("assertion")) {
            xml = idp.respond("alice", RoleChoice.all()).response().xml();
        }
        try (TestIdp other = TestIdp.demo(work.resolve("other"), CLOCK)) {
            XmlSec1.Result refused = new XmlSec1(work).verify(xml, other.certificate(), XmlSec1.ASSERTION_SIGNATURE);

            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        }
    }
}
