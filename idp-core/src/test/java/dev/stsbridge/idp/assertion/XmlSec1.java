package dev.stsbridge.idp.assertion;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code xmlsec1} (libxmlsec1 with OpenSSL), an implementation independent of Java, OpenSAML and
 * Santuario. A missing xmlsec1 fails the test, naming the tool.
 */
final class XmlSec1 {

    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion";
    static final String RESPONSE = "urn:oasis:names:tc:SAML:2.0:protocol:Response";
    static final String RESPONSE_SIGNATURE = "/*[local-name()='Response']/*[local-name()='Signature']";
    static final String ASSERTION_SIGNATURE =
            "/*[local-name()='Response']/*[local-name()='Assertion']/*[local-name()='Signature']";

    record Result(int exitCode, String output) {
        boolean verified() {
            return exitCode == 0 && output.contains("OK");
        }
    }

    private final Path dir;

    XmlSec1(Path dir) {
        this.dir = dir;
    }

    /**
     * {@code xmlsec1 --verify --id-attr:ID <Response> --id-attr:ID <Assertion> --node-xpath <signature>
     * --pubkey-cert-pem cert.pem file.xml}: checks the signature at {@code signatureXpath} with only that key.
     */
    Result verify(byte[] xml, X509Certificate certificate, String signatureXpath) {
        return run("--verify", "--id-attr:ID", RESPONSE, "--id-attr:ID", ASSERTION, "--node-xpath", signatureXpath,
                "--pubkey-cert-pem", write("cert.pem", pem("CERTIFICATE", encoded(certificate))).toString(),
                write("response.xml", xml).toString());
    }

    /** Exactly {@code xmlsec1 --verify --id-attr:ID <element> --pubkey-cert-pem cert.pem file.xml}. */
    Result verifyFirstSignature(byte[] xml, X509Certificate certificate, String idElement) {
        return run("--verify", "--id-attr:ID", idElement,
                "--pubkey-cert-pem", write("cert.pem", pem("CERTIFICATE", encoded(certificate))).toString(),
                write("response.xml", xml).toString());
    }

    /** {@code xmlsec1 --decrypt --privkey-pem key.pem file.xml}; the key file is written 0600 for the run. */
    byte[] decrypt(byte[] xml, PrivateKey key) {
        Path keyFile = write("key.pem", pem("PRIVATE KEY", key.getEncoded()));
        Path out = dir.resolve("decrypted.xml");
        Result result = run("--decrypt", "--privkey-pem", keyFile.toString(), "--output", out.toString(),
                write("encrypted.xml", xml).toString());
        if (result.exitCode() != 0) {
            fail("xmlsec1 --decrypt failed: " + result.output());
        }
        try {
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("xmlsec1"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("xmlsec1 did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("xmlsec1 is required (Debian package xmlsec1; .ci/run installs it) but cannot be run: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path write(String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.write(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
