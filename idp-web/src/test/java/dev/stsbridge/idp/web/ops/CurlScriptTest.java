package dev.stsbridge.idp.web.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.web.TestIdp;

/**
 * Issue 4's done-when check, kept true: {@code curl-login.sh} (curl and xmlsec1 only) against a real in-process
 * server logs in as alice, opens the portal, verifies the /sso/aws response against the downloaded metadata,
 * sees a foreign RelayState refused and wrong passwords throttled.
 */
class CurlScriptTest {

    @Test
    void curlScriptPassesAgainstTheServer(@TempDir Path dataDir) throws Exception {
        try (TestIdp idp = TestIdp.start(dataDir)) {
            Process process = new ProcessBuilder("bash", script().toString(), idp.server.baseUrl().toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("curl-login.sh did not finish within 120 s: " + output);
            }
            assertThat(output).as("curl-login.sh needs curl and xmlsec1").doesNotContain("command not found");
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("curl-login: all checks passed");
        } catch (IOException e) {
            fail("bash and curl are required to run curl-login.sh: " + e.getMessage());
        }
    }

    private static Path script() throws URISyntaxException {
        return Path.of(CurlScriptTest.class.getResource("/curl-login.sh").toURI());
    }
}
