package dev.stsbridge.idp.web.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.web.TestIdp;

/** A session tag that breaks AWS's rules: the client gets access_denied naming the rule, and no code. */
class OidcPreflightTest {

    private static final String REDIRECT = "http://127.0.0.1:4713/callback";

    @TempDir
    static Path dataDir;
    private static TestIdp idp;

    /** The demo directory with alice's team (tag {@code team}, from {@code ou}) holding characters AWS refuses. */
    @BeforeAll
    static void start() throws Exception {
        String ldif;
        try (InputStream in = OidcPreflightTest.class.getClassLoader().getResourceAsStream(
                "dev/stsbridge/idp/demo/demo.ldif")) {
            ldif = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dataDir.resolve("bad-tag.ldif"), ldif.replaceFirst("\nou: platform\n",
                "\nou: platform<script>\n"));
        idp = TestIdp.startWith(dataDir, List.of(), yaml -> yaml
                .replace("classpath:dev/stsbridge/idp/demo/demo.ldif", "bad-tag.ldif")
                .replace("oidc:\n", "oidc:\n  issuer: https://localhost:8443\n"));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void tagBreakingAwsRulesIsAccessDeniedAtTheRedirectUriWithoutACode() throws Exception {
        String authorize = "/oidc/authorize?client_id=stsbridge-demo&redirect_uri=" + URLEncoder.encode(REDIRECT,
                StandardCharsets.UTF_8) + "&response_type=code&scope=openid&state=st&code_challenge="
                + OidcEndpointsTest.challenge("v".repeat(43)) + "&code_challenge_method=S256";
        String location = idp.browser().signedIn("alice", "wonderland").get(authorize).headers()
                .firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(REDIRECT + "?error=access_denied&error_description="
                + URLEncoder.encode("the person's claims break AWS rules: session tag value must be 0-256 letters, "
                        + "digits, spaces or _.:/=+-@", StandardCharsets.UTF_8)
                + "&state=st&iss=" + URLEncoder.encode("https://localhost:8443", StandardCharsets.UTF_8));
    }
}
