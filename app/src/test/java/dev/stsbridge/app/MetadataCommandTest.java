package dev.stsbridge.app;

import static dev.stsbridge.app.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCommandTest {

    @TempDir
    Path dir;

    private String data() {
        return dir.resolve("data").toString();
    }

    private void generateKeys() {
        CommandRun generate = run("keys", "generate", "--algorithm", "rsa-2048", "--data-dir", data());
        assertThat(generate.exitCode()).as(generate.toString()).isZero();
    }

    /** The "Done when" of issue 2, in-process, with xmlsec1 as the independent judge. */
    @Test
    void generateExportSignXmlsec1AcceptsVerifyPassesAndOneChangedByteFailsWithExit3() throws Exception {
        generateKeys();
        Path md = dir.resolve("md.xml");
        Path cert = dir.resolve("cert.pem");

        CommandRun export = run("metadata", "export", "--sign", "--out", md.toString(), "--cert-out", cert.toString(),
                "--data-dir", data());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.err()).isEmpty();
        assertThat(export.out()).isEmpty();

        Xmlsec1 xmlsec1 = xmlsec1(md, cert);
        assertThat(xmlsec1.exitCode()).as(xmlsec1.output()).isZero();

        CommandRun verify = run("metadata", "verify", "--in", md.toString(), "--data-dir", data());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).startsWith("valid: " + md + " (entity ID http://127.0.0.1:8080/saml2/metadata) is signed by CN=127.0.0.1")
                .endsWith("; AWS upload rules pass\n");

        String signed = Files.readString(md);
        Files.writeString(md, signed.replace("http://127.0.0.1:8080/saml2/slo", "http://127.0.0.1:8080/saml2/slO"));
        CommandRun tampered = run("metadata", "verify", "--in", md.toString(), "--data-dir", data());
        assertThat(tampered.exitCode()).isEqualTo(3);
        assertThat(tampered.err()).startsWith("stsbridge: the signed content was changed after signing: the digest of Reference '#_")
                .hasLineCount(1);
        assertThat(xmlsec1(md, cert).exitCode()).isNotZero();
    }

    @Test
    void exportOnFirstUseGeneratesTheDefaultKeysAndSaysSoOnStderr() {
        CommandRun export = run("metadata", "export", "--data-dir", data());

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.err()).isEqualTo("stsbridge: no keys yet: generated signing key signing-20261125T120000Z (RSA-3072) in "
                + dir.resolve("data/keys/idp-signing.p12") + "\n");
        assertThat(export.stdoutText()).startsWith("<?xml").contains("entityID=\"http://127.0.0.1:8080/saml2/metadata\"")
                .doesNotContain("ds:Signature");
    }

    @Test
    void exportToStandardOutputGivesTheSameBytesAsToAFileWithMode0644() throws Exception {
        generateKeys();
        Path md = dir.resolve("md.xml");
        CommandRun toFile = run("metadata", "export", "--sign", "--out", md.toString(), "--data-dir", data());
        CommandRun toStdout = run("metadata", "export", "--sign", "--data-dir", data());

        assertThat(toFile.exitCode()).isZero();
        assertThat(toStdout.stdoutBytes()).isEqualTo(Files.readAllBytes(md));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(md))).isEqualTo("rw-r--r--");
    }

    @Test
    void exportUsesTheGivenBaseUrlEntityIdAndValidity() {
        generateKeys();
        CommandRun export = run("metadata", "export", "--base-url", "https://idp.example.com", "--entity-id", "urn:example:idp",
                "--valid-days", "30", "--data-dir", data());

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.stdoutText()).contains("entityID=\"urn:example:idp\"").contains("validUntil=\"2026-12-25T12:00:00.000Z\"")
                .contains("Location=\"https://idp.example.com/saml2/sso\"");
    }

    @Test
    void signThenVerifyAnExportedDocument() throws Exception {
        generateKeys();
        Path unsigned = dir.resolve("unsigned.xml");
        Path signed = dir.resolve("signed.xml");
        run("metadata", "export", "--out", unsigned.toString(), "--data-dir", data());

        CommandRun sign = run("metadata", "sign", "--in", unsigned.toString(), "--out", signed.toString(), "--data-dir", data());

        assertThat(sign.exitCode()).as(sign.toString()).isZero();
        assertThat(run("metadata", "verify", "--in", signed.toString(), "--data-dir", data()).exitCode()).isZero();
        CommandRun again = run("metadata", "sign", "--in", signed.toString(), "--data-dir", data());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("stsbridge: the document is already signed (it has a ds:Signature): sign the unsigned document\n");
    }

    @Test
    void signWhenTheInputIsNotXmlThenExit2() throws Exception {
        generateKeys();
        Path notXml = Files.writeString(dir.resolve("x.xml"), "<md:EntityDescriptor");
        CommandRun sign = run("metadata", "sign", "--in", notXml.toString(), "--data-dir", data());
        assertThat(sign.exitCode()).isEqualTo(2);
        assertThat(sign.err()).startsWith("stsbridge: not well-formed XML (line 1, column ");
    }

    @Test
    void verifyWhenNotWellFormedThenExit2() throws Exception {
        generateKeys();
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata'>");
        CommandRun verify = run("metadata", "verify", "--in", broken.toString(), "--data-dir", data());
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err()).startsWith("stsbridge: not well-formed XML (line 1, column ").hasLineCount(1);
    }

    @Test
    void verifyWhenSchemaInvalidThenExit2() throws Exception {
        generateKeys();
        Path md = dir.resolve("md.xml");
        run("metadata", "export", "--sign", "--out", md.toString(), "--data-dir", data());
        Files.writeString(md, Files.readString(md).replace("WantAuthnRequestsSigned=\"false\"", "WantAuthnRequestsSigned=\"no\""));

        CommandRun verify = run("metadata", "verify", "--in", md.toString(), "--data-dir", data());
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err()).startsWith("stsbridge: not valid SAML metadata (line 1, column ").contains("'no'");
    }

    @Test
    void verifyWhenUnsignedThenExit3() throws Exception {
        generateKeys();
        Path md = dir.resolve("md.xml");
        run("metadata", "export", "--out", md.toString(), "--data-dir", data());

        CommandRun verify = run("metadata", "verify", "--in", md.toString(), "--data-dir", data());
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.err()).isEqualTo("stsbridge: the document is not signed (no ds:Signature)\n");
    }

    @Test
    void verifyWithSomeoneElsesCertificateThenExit3() throws Exception {
        generateKeys();
        Path md = dir.resolve("md.xml");
        run("metadata", "export", "--sign", "--out", md.toString(), "--data-dir", data());
        Path otherData = dir.resolve("other");
        run("keys", "generate", "--algorithm", "ec-p256", "--data-dir", otherData.toString());
        Path otherCert = dir.resolve("other.pem");
        run("metadata", "export", "--out", dir.resolve("other.xml").toString(), "--cert-out", otherCert.toString(),
                "--data-dir", otherData.toString());

        CommandRun verify = run("metadata", "verify", "--in", md.toString(), "--cert", otherCert.toString());
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.err()).startsWith("stsbridge: signed by a certificate that is not trusted (CN=127.0.0.1, SHA-256 ");
    }

    @Test
    void verifyWhenValidlySignedButWithAByteOrderMarkThenExit4() throws Exception {
        generateKeys();
        Path md = dir.resolve("md.xml");
        run("metadata", "export", "--sign", "--out", md.toString(), "--data-dir", data());
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.writeBytes(Files.readAllBytes(md));
        Files.write(md, withBom.toByteArray());

        CommandRun verify = run("metadata", "verify", "--in", md.toString(), "--data-dir", data());
        assertThat(verify.exitCode()).isEqualTo(4);
        assertThat(verify.err()).isEqualTo("stsbridge: AWS would refuse this metadata: the document starts with a byte "
                + "order mark (EF BB BF); AWS requires UTF-8 without a BOM\n");
    }

    @Test
    void verifyWithoutKeyStoreOrCertificateThenExit1NamingBoth() throws Exception {
        Path md = Files.writeString(dir.resolve("md.xml"), "<x/>");
        CommandRun verify = run("metadata", "verify", "--in", md.toString(), "--data-dir", data());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).isEqualTo("stsbridge: no key store at " + dir.resolve("data/keys/idp-signing.p12")
                + " to take trusted certificates from: pass --cert C.pem, or run `stsbridge keys generate`\n");
    }

    @Test
    void verifyWhenTheCertificateFileIsNotPemThenExit1() throws Exception {
        Path md = Files.writeString(dir.resolve("md.xml"), "<x/>");
        Path notPem = Files.writeString(dir.resolve("c.pem"), "hello");
        CommandRun verify = run("metadata", "verify", "--in", md.toString(), "--cert", notPem.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).startsWith("stsbridge: " + notPem + ": not a PEM certificate").hasLineCount(1);
    }

    @Test
    void aRefusedVerificationWritesNoLogLinesToTheProcessStderr() throws Exception {
        // Santuario logs each failed digest as a warning; LogConfigurator keeps normal runs quiet
        generateKeys();
        Path md = dir.resolve("md.xml");
        run("metadata", "export", "--sign", "--out", md.toString(), "--data-dir", data());
        Files.writeString(md, Files.readString(md).replace("http://127.0.0.1:8080/saml2/slo", "http://127.0.0.1:8080/saml2/slO"));
        java.io.PrintStream original = System.err;
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(processErr, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("metadata", "verify", "--in", md.toString(), "--data-dir", data()).exitCode()).isEqualTo(3);
        } finally {
            System.setErr(original);
        }
        assertThat(processErr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void verifyWhenTheFileDoesNotExistThenExit1() {
        CommandRun verify = run("metadata", "verify", "--in", dir.resolve("nope.xml").toString(), "--cert", "x.pem");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).isEqualTo("stsbridge: cannot read " + dir.resolve("nope.xml") + ": no such file\n");
    }

    private record Xmlsec1(int exitCode, String output) {
    }

    private static Xmlsec1 xmlsec1(Path file, Path certificate) throws Exception {
        assertThat(Files.isExecutable(Path.of("/usr/bin/xmlsec1"))).as("xmlsec1 is needed: apt-get install xmlsec1").isTrue();
        Process process = new ProcessBuilder("/usr/bin/xmlsec1", "--verify", "--id-attr:ID",
                "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor", "--pubkey-cert-pem", certificate.toString(),
                file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Xmlsec1(process.exitValue(), output);
    }
}
