package dev.stsbridge.idp.web;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code xmlsec1} (libxmlsec1 + OpenSSL), independent of Java: verifies a signed response against the
 * certificate taken from the IdP's downloaded metadata. A missing xmlsec1 fails the test, naming the tool.
 */
public final class XmlSec1 {

    private XmlSec1() {
    }

    /** The first signing certificate of a metadata document, as PEM. */
    public static String certificatePem(String metadata) {
        Matcher m = Pattern.compile("<ds:X509Certificate>([^<]+)</ds:X509Certificate>").matcher(metadata);
        if (!m.find()) {
            fail("no certificate in the metadata");
        }
        StringBuilder pem = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        String body = m.group(1).replaceAll("\\s", "");
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        return pem.append("-----END CERTIFICATE-----\n").toString();
    }

    /** {@code xmlsec1 --verify --id-attr:ID Assertion --id-attr:ID Response --pubkey-cert-pem cert.pem response.xml}. */
    public static String verify(Path dir, byte[] response, String certificatePem) {
        return verify(dir, response, certificatePem, "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                "urn:oasis:names:tc:SAML:2.0:protocol:Response");
    }

    /** The same for other signed elements ({@code namespace:LocalName}, e.g. the protocol's LogoutRequest). */
    public static String verify(Path dir, byte[] response, String certificatePem, String... idElements) {
        try {
            Path cert = Files.writeString(dir.resolve("idp.pem"), certificatePem);
            Path xml = Files.write(dir.resolve("response.xml"), response);
            List<String> command = new ArrayList<>(List.of("xmlsec1", "--verify"));
            for (String element : idElements) {
                command.addAll(List.of("--id-attr:ID", element));
            }
            command.addAll(List.of("--pubkey-cert-pem", cert.toString(), xml.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("xmlsec1 did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                fail("xmlsec1 rejected the response: " + output);
            }
            return output;
        } catch (IOException e) {
            return fail("xmlsec1 is required (Debian package xmlsec1) but cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
