package dev.stsbridge.tests.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.tests.support.Processes;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.RequiredTool;

/**
 * The two independent SAML service providers, each a small script under {@code tests/src/test/python/} run with
 * Debian's {@code /usr/bin/python3}, configured as AWS's sign-in SP from our signed IdP metadata only, with the same
 * contract: {@code <script> <idp-metadata.xml> <response.b64> <assertion|response|both>} prints the claims it
 * accepted as JSON, or exits 3 with {@code refused: <error>} on stderr. Neither opens a socket.
 */
enum PythonServiceProvider {
    /** Debian's python3-pysaml2 (verifies with the xmlsec1 binary). */
    PYSAML2("pysaml2_sp.py", "saml2"),
    /** Debian's python3-onelogin-saml2 (python3-saml; verifies with libxmlsec1 through python3-xmlsec), strict. */
    ONELOGIN("onelogin_sp.py", "onelogin.saml2");

    private final String script;
    private final String module;

    PythonServiceProvider(String script, String module) {
        this.script = script;
        this.module = module;
    }

    /** What the SP said: the claims it read (exit 0), or its refusal. */
    record Verdict(int exitCode, JsonNode claims, String stderr) {
    }

    void requireInstalled() {
        RequiredTool.requirePythonModule(module);
        RequiredTool.XMLSEC1.require();
    }

    /** Hands the SP our metadata and one {@code SAMLResponse}; {@code requiredSignatures}: what it insists on. */
    Verdict judge(Path work, byte[] idpMetadata, String samlResponse, String requiredSignatures) {
        try {
            Path metadata = Files.write(work.resolve("idp-metadata.xml"), idpMetadata);
            Path response = Files.writeString(work.resolve("response.b64"), samlResponse);
            Processes.Result run = Processes.command(RequiredTool.PYTHON3.path().toString(),
                    Repository.root().resolve("tests/src/test/python").resolve(script).toString(), metadata.toString(),
                    response.toString(), requiredSignatures).timeout(Duration.ofSeconds(60)).run();
            JsonNode claims = run.exitCode() == 0 ? new ObjectMapper().readTree(run.stdout()) : null;
            return new Verdict(run.exitCode(), claims, run.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
