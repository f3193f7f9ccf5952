package dev.stsbridge.verifier.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestMetadata;
import dev.stsbridge.verifier.testing.TestPki;

/** IAM's metadata rules, one refusal per rule, with certificates generated at test time. */
class MetadataParserTest {

    private static final MetadataParser PARSER = new MetadataParser();
    private static X509Certificate certificate;

    @BeforeAll
    static void keys() {
        certificate = TestPki.selfSigned(TestPki.rsa2048(), "idp.example.com");
    }

    private static void assertRefused(String document, String reason) {
        assertThatThrownBy(() -> PARSER.parse(document)).isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void parseReadsEntityIdSigningCertificateAndNoValidUntil() throws Exception {
        ParsedMetadata parsed = PARSER.parse(TestMetadata.idp().signingCertificate(certificate)
                .encryptionCertificate(TestPki.selfSigned(TestPki.rsa2048(), "enc")).build());

        assertThat(parsed.entityIds()).containsExactly("https://idp.example.com/saml");
        assertThat(parsed.signingCertificates()).containsExactly(certificate);
        assertThat(parsed.validUntil()).isEmpty();
    }

    @Test
    void parseTakesKeyDescriptorsWithoutUseAsSigningKeys() throws Exception {
        ParsedMetadata parsed = PARSER.parse(TestMetadata.idp().certificateWithoutUse(certificate).build());

        assertThat(parsed.signingCertificates()).containsExactly(certificate);
    }

    @Test
    void parseReadsValidUntilWithOrWithoutTimezone() throws Exception {
        assertThat(PARSER.parse(TestMetadata.idp().validUntil("2030-01-02T03:04:05.5+01:00")
                .signingCertificate(certificate).build()).validUntil()).contains(Instant.parse("2030-01-02T02:04:05.5Z"));
        assertThat(PARSER.parse(TestMetadata.idp().validUntil("2030-01-02T03:04:05")
                .signingCertificate(certificate).build()).validUntil()).contains(Instant.parse("2030-01-02T03:04:05Z"));
    }

    @Test
    void parseWhenValidUntilIsNotADateTimeThenRefused() {
        assertRefused(TestMetadata.idp().validUntil("next year").signingCertificate(certificate).build(),
                "validUntil 'next year' is not an xs:dateTime");
    }

    @Test
    void parseReadsEveryIdpOfAnEntitiesDescriptor() throws Exception {
        X509Certificate second = TestPki.selfSigned(TestPki.rsa2048(), "second");
        ParsedMetadata parsed = PARSER.parse(TestMetadata.entities(List.of(
                TestMetadata.idp().entityId("https://a.example.com").signingCertificate(certificate).entityDescriptor(),
                TestMetadata.idp().entityId("https://b.example.com").signingCertificate(second).entityDescriptor())));

        assertThat(parsed.entityIds()).containsExactlyInAnyOrder("https://a.example.com", "https://b.example.com");
        assertThat(parsed.signingCertificates()).containsExactlyInAnyOrder(certificate, second);
    }

    @Test
    void parseWhenMoreThanTenEntityDescriptorsThenRefused() {
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            entities.add(TestMetadata.idp().entityId("https://idp" + i).signingCertificate(certificate)
                    .entityDescriptor());
        }
        assertRefused(TestMetadata.entities(entities), "11 entity descriptors; IAM takes at most 10");
    }

    @Test
    void parseWhenMoreThanTenSigningCertificatesThenRefused() {
        KeyPair keys = TestPki.rsa2048();
        TestMetadata metadata = TestMetadata.idp();
        for (int i = 0; i < 11; i++) {
            metadata.signingCertificate(TestPki.selfSigned(keys, "idp" + i));
        }
        assertRefused(metadata.build(), "11 signing certificates; IAM takes at most 10");
    }

    @Test
    void parseWhenAKeyIsUnder1024BitsThenRefused() {
        assertRefused(TestMetadata.idp().signingCertificate(TestPki.selfSigned(TestPki.rsa(512), "weak")).build(),
                "certificate 1 has a 512-bit RSA key; IAM needs at least 1024 bits");
    }

    @Test
    void parseAcceptsA1024BitKeyAndAnEcP256Key() throws Exception {
        X509Certificate rsa1024 = TestPki.selfSigned(TestPki.rsa(1024), "rsa1024");
        X509Certificate ec = TestPki.selfSigned(TestPki.ec("secp256r1"), "ec");

        assertThat(PARSER.parse(TestMetadata.idp().signingCertificate(rsa1024).signingCertificate(ec).build())
                .signingCertificates()).containsExactly(rsa1024, ec);
    }

    @Test
    void parseWhenACertificateRepeatsAnExtensionThenRefused() {
        byte[] der = TestPki.withRepeatedExtension(TestPki.rsa2048(), "twice");

        assertRefused(TestMetadata.idp().signingCertificateBase64(TestPki.base64(der)).build(),
                "certificate 1 repeats extension 2.5.29.19");
    }

    @Test
    void parseWhenACertificateIsNotBase64ThenRefused() {
        assertRefused(TestMetadata.idp().signingCertificateBase64("not*base64" + "A".repeat(1000)).build(),
                "certificate 1 is not base64");
    }

    @Test
    void parseWhenACertificateIsNotDerThenRefused() {
        assertRefused(TestMetadata.idp().signingCertificateBase64(TestPki.base64(new byte[1200])).build(),
                "certificate 1 is not DER");
    }

    @Test
    void parseWhenNoSigningCertificateThenRefused() {
        assertRefused(TestMetadata.idp().encryptionCertificate(certificate).build(), "no signing certificate");
    }

    @Test
    void parseWhenNotAnIdentityProviderThenRefused() {
        String sp = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"urn:sp\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"
                + "</md:EntityDescriptor>" + " ".repeat(1000);
        assertRefused(sp, "no md:IDPSSODescriptor");
    }

    @Test
    void parseWhenTheIdpHasNoEntityIdThenRefused() {
        assertRefused(TestMetadata.idp().entityId("").signingCertificate(certificate).build(), "has no entityID");
    }

    @Test
    void parseWhenTheRootIsSomethingElseThenRefused() {
        assertRefused("<Response xmlns=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>",
                "the root element is {urn:oasis:names:tc:SAML:2.0:protocol}Response");
    }

    @Test
    void parseWhenTheDocumentStartsWithAByteOrderMarkThenRefused() {
        assertRefused("\uFEFF" + TestMetadata.idp().signingCertificate(certificate).build(), "byte-order mark");
    }

    @Test
    void parseWhenTheDocumentDeclaresAnotherEncodingThenRefused() {
        assertRefused(TestMetadata.idp().prolog("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
                .signingCertificate(certificate).build(), "declares encoding ISO-8859-1; IAM needs UTF-8");
    }

    @Test
    void parseWhenTheDocumentHasADoctypeThenRefusedWithoutResolvingIt() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE md [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>"
                + TestMetadata.idp().entityId("&x;").signingCertificate(certificate).entityDescriptor();
        assertRefused(xxe, "DOCTYPE");
    }

    @Test
    void parseWhenNotWellFormedThenRefused() {
        assertRefused(TestMetadata.idp().signingCertificate(certificate).build().replace("</md:EntityDescriptor>", ""),
                "not acceptable XML");
    }
}
