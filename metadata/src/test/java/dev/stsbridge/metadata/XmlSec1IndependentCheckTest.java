package dev.stsbridge.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.keys.Certificates;

/**
 * The independent check: Debian's {@code xmlsec1} (a separate C implementation, on libxml2 and OpenSSL) must
 * accept the metadata we sign, with the certificate we export, and reject a tampered copy. Fails, naming the
 * tool, when xmlsec1 is not installed ({@code apt-get install xmlsec1}; .ci/run does).
 */
class XmlSec1IndependentCheckTest {

    private static final String XMLSEC1 = "/usr/bin/xmlsec1";

    @TempDir
    Path dir;

    @BeforeAll
    static void xmlsec1IsInstalled() {
        assertThat(Files.isExecutable(Path.of(XMLSEC1)))
                .as("xmlsec1 is needed for the independent signature check: apt-get install xmlsec1").isTrue();
    }

    @Test
    void xmlsec1VerifiesOurSignedMetadataWithTheExportedCertificate() throws Exception {
        Result result = xmlsec1Verify(TestMetadata.signed(), TestKeys.current());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("OK").contains("SignedInfo References (ok/all): 1/1");
    }

    @Test
    void xmlsec1VerifiesOurEcdsaSignedMetadata() throws Exception {
        var document = new IdpMetadataBuilder().build(IdpIdentity.demo(), List.of(TestKeys.ec().certificate()));
        Result result = xmlsec1Verify(new MetadataSigner().signToBytes(document, TestKeys.ec()), TestKeys.ec());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void xmlsec1RejectsATamperedCopy() throws Exception {
        String tampered = TestMetadata.signedText().replaceFirst("Location=\"http://127.0.0.1:8080/saml2/sso\"",
                "Location=\"http://127.0.0.1:8081/saml2/sso\"");
        Result result = xmlsec1Verify(tampered.getBytes(StandardCharsets.UTF_8), TestKeys.current());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("failed to verify");
    }

    @Test
    void xmlsec1RejectsOurMetadataWithSomeoneElsesCertificate() throws Exception {
        Result result = xmlsec1Verify(TestMetadata.signed(), TestKeys.stranger());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
    }

    private Result xmlsec1Verify(byte[] metadata, dev.stsbridge.keys.SigningKey certificateOf) throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve("md.xml"), metadata);
        Path certificate = Files.writeString(dir.resolve("cert.pem"), Certificates.toPem(certificateOf.certificate()));
        Process process = new ProcessBuilder(XMLSEC1, "--verify",
                "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
                "--pubkey-cert-pem", certificate.toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("xmlsec1 finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
