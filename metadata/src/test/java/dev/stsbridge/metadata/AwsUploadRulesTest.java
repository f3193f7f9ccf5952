package dev.stsbridge.metadata;

import static dev.stsbridge.metadata.TestMetadata.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import dev.stsbridge.metadata.AwsUploadFinding.Rule;
import dev.stsbridge.xml.SecureXml;

class AwsUploadRulesTest {

    private static final Instant FAR = TestKeys.NOW.plus(Duration.ofDays(3650));
    private static KeyPair rsa1024;

    private final AwsUploadRules rules = new AwsUploadRules(TestKeys.CLOCK);

    @BeforeAll
    static void keys() {
        rsa1024 = TestCertificates.rsa(1024);
    }

    @Test
    void checkWhenTheIdpsOwnMetadataThenNothingToReport() {
        AwsUploadReport report = rules.check(TestMetadata.signed());
        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.acceptable()).isTrue();
    }

    @Test
    void checkWhenTheDocumentStartsWithAByteOrderMarkThenEncodingViolation() {
        byte[] signed = TestMetadata.signed();
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.writeBytes(signed);

        assertThat(rules.check(withBom.toByteArray()).violations()).containsExactly(new AwsUploadFinding(Rule.ENCODING,
                "the document starts with a byte order mark (EF BB BF); AWS requires UTF-8 without a BOM"));
    }

    @Test
    void checkWhenTheBytesAreNotValidUtf8ThenEncodingViolation() {
        String text = TestMetadata.signedText();
        int at = text.indexOf("entityID=\"") + "entityID=\"".length();
        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        broken.writeBytes(bytes(text.substring(0, at)));
        broken.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});  // a 2-byte sequence cut short
        broken.writeBytes(bytes(text.substring(at)));

        assertThat(rules.check(broken.toByteArray()).violations())
                .contains(new AwsUploadFinding(Rule.ENCODING, "the document is not valid UTF-8"));
    }

    @Test
    void checkWhenTheDeclarationNamesAnotherEncodingThenEncodingViolation() {
        String latin1 = TestMetadata.signedText().replaceFirst("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        assertThat(rules.check(bytes(latin1)).violations()).containsExactly(new AwsUploadFinding(Rule.ENCODING,
                "the XML declaration says encoding=\"ISO-8859-1\"; AWS requires UTF-8"));
    }

    @Test
    void checkWhenShorterThan1000CharactersThenLengthViolation() {
        String tiny = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"urn:x\"/>";
        assertThat(rules.check(bytes(tiny)).violations()).containsExactly(new AwsUploadFinding(Rule.LENGTH,
                "the document has " + tiny.length() + " characters; AWS requires 1,000 to 10,000,000"));
    }

    @Test
    void checkWhenExactly1000CharactersThenNoLengthViolation() {
        String start = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"urn:x\">";
        String end = "</md:EntityDescriptor>";
        String exact = start + " ".repeat(1000 - start.length() - end.length()) + end;
        assertThat(exact).hasSize(1000);
        assertThat(rules.check(bytes(exact)).violations()).isEmpty();
    }

    @Test
    void checkWhenLongerThan10MillionCharactersThenLengthViolation() {
        String text = TestMetadata.signedText();
        int close = text.lastIndexOf("</md:EntityDescriptor>");
        String padded = text.substring(0, close) + " ".repeat(10_000_001 - text.length()) + text.substring(close);
        assertThat(padded).hasSize(10_000_001);

        assertThat(rules.check(bytes(padded)).violations()).containsExactly(new AwsUploadFinding(Rule.LENGTH,
                "the document has 10,000,001 characters; AWS requires 1,000 to 10,000,000"));
    }

    @Test
    void checkWhenElevenCertificatesThenKeyCountViolation() {
        byte[] der = TestCertificates.selfSigned(rsa1024, "many", FAR);
        assertThat(rules.check(metadataWith(Collections.nCopies(11, der))).violations()).containsExactly(new AwsUploadFinding(
                Rule.KEY_COUNT, "the metadata has 11 certificates; AWS allows at most 10 keys per SAML provider"));
    }

    @Test
    void checkWhenTenCertificatesThenNoKeyCountViolation() {
        byte[] der = TestCertificates.selfSigned(rsa1024, "many", FAR);
        assertThat(rules.check(metadataWith(Collections.nCopies(10, der))).violations()).isEmpty();
    }

    @Test
    void checkWhenAKeyHasFewerThan1024BitsThenKeySizeViolation() {
        byte[] small = TestCertificates.selfSigned(TestCertificates.rsa(512), "small", FAR);
        assertThat(rules.check(metadataWith(List.of(small))).violations()).containsExactly(new AwsUploadFinding(
                Rule.KEY_SIZE, "certificate #1 (CN=small) has a 512-bit RSA key; AWS requires at least 1024 bits"));
    }

    @Test
    void checkWhenAKeyHasExactly1024BitsThenNoKeySizeViolation() {
        byte[] enough = TestCertificates.selfSigned(rsa1024, "enough", FAR);
        assertThat(rules.check(metadataWith(List.of(enough))).violations()).isEmpty();
    }

    @Test
    void checkWhenACertificateRepeatsAnExtensionThenDuplicateExtensionViolation() {
        byte[] repeated = TestCertificates.withRepeatedKeyUsage(rsa1024, "dup", FAR);
        assertThat(rules.check(metadataWith(List.of(TestCertificates.selfSigned(rsa1024, "fine", FAR), repeated))).violations())
                .containsExactly(new AwsUploadFinding(Rule.DUPLICATE_EXTENSION,
                        "certificate #2 (CN=dup) repeats the extension 2.5.29.15; AWS refuses repeated extensions"));
    }

    @Test
    void theJdkItselfRefusesACertificateWithARepeatedExtension() {
        // why the rule reads the DER with Bouncy Castle's ASN.1 parser instead of X509Certificate
        byte[] repeated = TestCertificates.withRepeatedKeyUsage(rsa1024, "dup", FAR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(repeated))).hasMessageContaining("Duplicate extensions");
    }

    @Test
    void checkWhenACertificateExpiresWithin30DaysThenAWarningOnly() {
        Instant soon = TestKeys.NOW.plus(Duration.ofDays(29));
        AwsUploadReport report = rules.check(metadataWith(List.of(TestCertificates.selfSigned(rsa1024, "soon", soon))));

        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).containsExactly(new AwsUploadFinding(Rule.EXPIRY, "certificate #1 (CN=soon) "
                + "expires on 2026-12-24T12:00:00Z, within 30 days: rotate the key (stsbridge keys rotate)"));
    }

    @Test
    void checkWhenACertificateHasExpiredThenAWarningOnly() {
        Instant past = TestKeys.NOW.minus(Duration.ofDays(1));
        AwsUploadReport report = rules.check(metadataWith(List.of(TestCertificates.selfSigned(rsa1024, "old", past))));

        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).containsExactly(
                new AwsUploadFinding(Rule.EXPIRY, "certificate #1 (CN=old) expired on 2026-11-24T12:00:00Z"));
    }

    @Test
    void checkWhenACertificateExpiresIn31DaysThenNoWarning() {
        Instant later = TestKeys.NOW.plus(Duration.ofDays(31));
        assertThat(rules.check(metadataWith(List.of(TestCertificates.selfSigned(rsa1024, "later", later)))).warnings()).isEmpty();
    }

    @Test
    void checkWhenACertificateIsNotDerThenCertificateViolation() {
        AwsUploadReport report = rules.check(metadataWith(List.of(bytes("not a certificate"))));
        assertThat(report.violations()).extracting(AwsUploadFinding::rule).containsExactly(Rule.CERTIFICATE);
        assertThat(report.violations().get(0).message()).startsWith("certificate #1 is not a DER-encoded X.509 certificate");
    }

    @Test
    void checkWhenNotXmlThenWellFormedViolation() {
        String notXml = "x".repeat(1200);
        assertThat(rules.check(bytes(notXml)).violations()).extracting(AwsUploadFinding::rule).containsExactly(Rule.WELL_FORMED);
    }

    /** The IdP's metadata with its KeyDescriptors' certificates replaced by {@code ders}. */
    private static byte[] metadataWith(List<byte[]> ders) {
        Document document = new IdpMetadataBuilder().build(IdpIdentity.demo(),
                Collections.nCopies(ders.size(), TestKeys.current().certificate()));
        NodeList certificates = document.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate");
        for (int i = 0; i < ders.size(); i++) {
            certificates.item(i).setTextContent(Base64.getEncoder().encodeToString(ders.get(i)));
        }
        return SecureXml.toBytes(document);
    }
}
