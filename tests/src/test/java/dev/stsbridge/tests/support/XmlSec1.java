package dev.stsbridge.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import dev.stsbridge.keys.Certificates;

/**
 * Debian's {@code xmlsec1} (libxmlsec1 with OpenSSL): a signature check independent of Java, OpenSAML and Santuario.
 * It trusts only the certificate it is given ({@code --pubkey-cert-pem}), never the document's KeyInfo.
 */
public final class XmlSec1 {

    public static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion";
    public static final String RESPONSE = "urn:oasis:names:tc:SAML:2.0:protocol:Response";
    /** The Response's own signature (a child of the document element). */
    public static final String RESPONSE_SIGNATURE = "/*[local-name()='Response']/*[local-name()='Signature']";
    /** The Assertion's signature (a child of the Assertion in the Response). */
    public static final String ASSERTION_SIGNATURE =
            "/*[local-name()='Response']/*[local-name()='Assertion']/*[local-name()='Signature']";

    private final Path workDirectory;

    /** Files for xmlsec1 (the document, the certificate) are written into a new directory under {@code parent}. */
    public XmlSec1(Path parent) {
        RequiredTool.XMLSEC1.require();
        try {
            Files.createDirectories(parent);
            this.workDirectory = Files.createTempDirectory(parent, "xmlsec1-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What xmlsec1 said. */
    public record Result(int exitCode, String output) {
        /** Exit 0 and "OK": the signature verified under the given certificate. */
        public boolean verified() {
            return exitCode == 0 && output.contains("OK");
        }
    }

    /**
     * {@code xmlsec1 --verify --id-attr:ID <Response> --id-attr:ID <Assertion> --node-xpath <signatureXpath>
     * --pubkey-cert-pem cert.pem doc.xml}: checks the signature at {@code signatureXpath} with only that key.
     */
    public Result verify(byte[] xml, X509Certificate certificate, String signatureXpath) {
        return run(List.of("--verify", "--id-attr:ID", RESPONSE, "--id-attr:ID", ASSERTION, "--node-xpath",
                signatureXpath, "--pubkey-cert-pem", certificateFile(certificate).toString(),
                write("document.xml", xml).toString()));
    }

    private Path certificateFile(X509Certificate certificate) {
        return write("certificate.pem", Certificates.toPem(certificate).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private Result run(List<String> arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(RequiredTool.XMLSEC1.path().toString()));
        command.addAll(arguments);
        Processes.Result result = Processes.command(command).timeout(Duration.ofSeconds(60)).run();
        return new Result(result.exitCode(), result.stdout() + result.stderr());
    }

    private Path write(String name, byte[] content) {
        try {
            return Files.write(workDirectory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
