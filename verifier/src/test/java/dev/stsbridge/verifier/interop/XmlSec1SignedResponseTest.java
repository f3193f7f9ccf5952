package dev.stsbridge.verifier.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/**
 * Interoperability: responses signed by an independent XML-signature implementation (libxmlsec1, the
 * {@code xmlsec1} tool) verify, so the verifier is not only compatible with the Santuario that signs its fixtures.
 */
class XmlSec1SignedResponseTest {
    private static final String SIGNATURE_TEMPLATE = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
            + "<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
            + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
            + "<ds:Reference URI=\"#_assert-8e41b7\"><ds:Transforms>"
            + "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
            + "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
            + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/>"
            + "</ds:Reference></ds:SignedInfo><ds:SignatureValue/></ds:Signature>";

    @TempDir
    Path dir;

    private String signWithXmlSec1(TestResponse response) throws IOException, InterruptedException {
        String template = response.signed(TestResponse.Signed.NONE).unsignedXml()
                .replace("</saml:Issuer><saml:Subject>", "</saml:Issuer>" + SIGNATURE_TEMPLATE + "<saml:Subject>");
        Path key = Files.createFile(dir.resolve("idp-key.pem"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                TestKeys.idp().privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path in = Files.writeString(dir.resolve("template.xml"), template);
        Path out = dir.resolve("signed.xml");
        Process xmlsec1 = start(List.of("xmlsec1", "--sign", "--privkey-pem", key.toString(), "--id-attr:ID",
                "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", "--output", out.toString(), in.toString()));
        String errors = new String(xmlsec1.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(xmlsec1.waitFor(60, TimeUnit.SECONDS)).as("xmlsec1 finished").isTrue();
        assertThat(xmlsec1.exitValue()).as("xmlsec1 --sign: " + errors).isZero();
        return Files.readString(out);
    }

    private static Process start(List<String> command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("this test needs the tool xmlsec1 (Debian package xmlsec1): " + e.getMessage(), e);
        }
    }

    @Test
    void verifyWhenAssertionSignedByXmlSec1WithRegisteredKeyThenAccepted() throws Exception {
        String signed = signWithXmlSec1(TestResponse.alice());
        assertThat(TestSts.standard().assume(TestResponse.base64(signed)).subject()).isEqualTo("alice@example.com");
    }

    @Test
    void verifyWhenXmlSec1SignedAssertionTamperedThenResponseSignatureInvalid() throws Exception {
        String signed = signWithXmlSec1(TestResponse.alice());
        String tampered = signed.replace(">alice@example.com</saml:NameID>", ">admin@example.com</saml:NameID>");
        assertThat(tampered).isNotEqualTo(signed);
        assertThat(TestSts.standard().refusal(TestResponse.base64(tampered)))
                .isEqualTo(AwsError.invalidIdentityToken("Response signature invalid"));
    }
}
