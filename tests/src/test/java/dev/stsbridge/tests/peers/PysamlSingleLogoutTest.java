package dev.stsbridge.tests.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.web.IdpServer;
import dev.stsbridge.idp.web.ServerSettings;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;
import dev.stsbridge.tests.support.Processes;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.RequiredTool;
import dev.stsbridge.tests.support.TestIdp;

/**
 * SAML single logout with an SP we did not write: Debian's python3-pysaml2 ({@code pysaml2_slo_sp.py}), registered
 * from the metadata it wrote itself, with its own key (generated here). It signs in by SP-initiated SSO against the
 * running IdP, then either sends its signed LogoutRequest and checks our LogoutResponse (signature with the key of
 * our metadata, InResponseTo, status), or takes our signed LogoutRequest from the sign-out button and answers it; in
 * both SLO bindings. The IdP runs on the real clock (pysaml2 checks times against it).
 */
class PysamlSingleLogoutTest {

    private static final String SP = "https://pysaml2-sp.example.test/saml";
    private static final String SLO = "https://pysaml2-sp.example.test/slo";
    private static final String SCRIPT = "pysaml2_slo_sp.py";

    @TempDir
    Path work;

    @BeforeAll
    static void requireTools() {
        RequiredTool.requirePythonModule("saml2");
        RequiredTool.XMLSEC1.require();
    }

    /** The IdP with pysaml2 registered, on a free loopback port, and what the script printed. */
    private JsonNode run(String mode, String binding, List<String> audit) throws IOException {
        SigningKey key = new SigningKeyGenerator(Clock.systemUTC()).generate(KeyAlgorithm.RSA_2048, SP,
                Duration.ofDays(2));
        Path keyFile = Files.createFile(work.resolve("sp-key.pem"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.privateKey().getEncoded()));
        Path certFile = Files.writeString(work.resolve("sp-cert.pem"), pem("CERTIFICATE", encoded(key)));
        Processes.Result metadata = python("metadata", keyFile.toString(), certFile.toString(), binding);
        assertThat(metadata.exitCode()).as(metadata.stderr()).isZero();
        Path spMetadata = Files.writeString(work.resolve("sp-metadata.xml"), metadata.stdout());
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        String yaml = TestIdp.demoYaml().replace("http://127.0.0.1:8080", base) + "\nservice-providers:\n"
                + "  - metadata: " + spMetadata + "\n    profile: basic\n    name-id: persistent\n";
        try (TestIdp idp = TestIdp.fromYaml(yaml, work.resolve("data"), Clock.systemUTC());
             IdpServer server = IdpServer.start(idp.app(), ServerSettings.loopback(port), audit::add)) {
            Path idpMetadata = Files.write(work.resolve("idp-metadata.xml"), idp.signedMetadata());
            Processes.Result result = python(mode, server.baseUrl().toString(), idpMetadata.toString(),
                    keyFile.toString(), certFile.toString(), binding, "alice", "wonderland");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            return new ObjectMapper().readTree(result.stdout());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redirect", "post"})
    void pysamlSendsALogoutRequestAndAcceptsOurSignedSuccessResponse(String binding) throws IOException {
        List<String> audit = Collections.synchronizedList(new ArrayList<>());

        JsonNode result = run("sp-initiated", binding, audit);

        assertThat(result.get("status").asText()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(result.get("signatureVerified").asBoolean()).isTrue();
        assertThat(result.get("inResponseToOurRequest").asBoolean()).isTrue();
        assertThat(result.get("relayStateReturned").asBoolean()).isTrue();
        assertThat(result.get("loggedOutLocally").asBoolean()).isTrue();
        assertThat(result.get("destination").asText()).startsWith(SLO);
        assertThat(result.get("binding").asText()).endsWith(binding.equals("post") ? "HTTP-POST" : "HTTP-Redirect");
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"event\":\"logout\"",
                "\"outcome\":\"ended\"", "\"user\":\"alice\"", "\"sp\":\"" + SP + "\"", "\"via\":\"sp\""));
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"event\":\"logout\"",
                "\"outcome\":\"answered\"", "\"status\":\"SUCCESS\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redirect", "post"})
    void pysamlAcceptsOurSignedLogoutRequestFromTheSignOutButtonAndItsAnswerIsListedAsConfirmed(String binding)
            throws IOException {
        List<String> audit = Collections.synchronizedList(new ArrayList<>());

        JsonNode result = run("idp-initiated", binding, audit);

        assertThat(result.get("signatureVerified").asBoolean()).isTrue();
        assertThat(result.get("nameIdMatches").asBoolean()).isTrue();
        assertThat(result.get("sessionIndexes").get(0).asText()).isEqualTo(result.get("sessionIndex").asText());
        assertThat(result.get("sessionIndexes").size()).isEqualTo(1);
        assertThat(result.get("loggedOutLocally").asBoolean()).isTrue();
        assertThat(result.get("signedOutPage").asBoolean()).isTrue();
        assertThat(result.get("confirmed").get(0).asText()).isEqualTo(SP);
        assertThat(result.get("destination").asText()).startsWith(SLO);
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"outcome\":\"confirmed\"",
                "\"sp\":\"" + SP + "\""));
    }

    private Processes.Result python(String... arguments) {
        List<String> command = new ArrayList<>(List.of(RequiredTool.PYTHON3.path().toString(),
                Repository.root().resolve("tests/src/test/python").resolve(SCRIPT).toString()));
        command.addAll(List.of(arguments));
        return Processes.command(command).timeout(Duration.ofSeconds(120)).run();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static byte[] encoded(SigningKey key) {
        try {
            return key.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
