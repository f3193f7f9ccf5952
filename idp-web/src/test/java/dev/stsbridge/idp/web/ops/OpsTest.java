package dev.stsbridge.idp.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;

/** Metadata download, health, metrics, security headers and request IDs. */
class OpsTest {

    @TempDir
    static Path dataDir;
    private static TestIdp idp;

    @BeforeAll
    static void start() {
        idp = TestIdp.start(dataDir);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void metadataIsTheSignedDocumentByteForByteAsADownload() {
        HttpResponse<String> response = idp.browser().get("/saml2/metadata");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/samlmetadata+xml");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=stsbridge-idp-metadata.xml");
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(idp.idp.signedMetadata());
    }

    @Test
    void healthzIsOkWhenTheDirectoryAnswersAndTheKeyIsLoaded() {
        HttpResponse<String> response = idp.browser().get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"status\":\"ok\"").contains("\"available\":true")
                .contains("\"loaded\":true");
    }

    @Test
    void healthzOfOneNodeSaysItsStateIsInMemory() throws Exception {
        com.fasterxml.jackson.databind.JsonNode state = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(idp.browser().get("/healthz").body()).path("state");
        assertThat(state.path("kind").asText()).isEqualTo("memory");
        assertThat(state.path("available").asBoolean()).isTrue();
    }

    @Test
    void healthzIs503WithTheReasonWhenTheDirectoryIsDown(@TempDir Path otherDir) {
        try (TestIdp down = TestIdp.start(otherDir)) {
            down.idp.directory().close();
            HttpResponse<String> response = down.browser().get("/healthz");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).startsWith("{\"status\":\"unavailable\",\"reason\":\"directory unavailable: ");
        }
    }

    @Test
    void metricsCountLoginsAssertionsAndRefusalsInPrometheusText() {
        idp.browser().login("alice", "bad");
        Browser alice = idp.browser().signedIn("alice", "wonderland");
        alice.get("/sso/aws");
        idp.browser().signedIn("carol", "chocolate").get("/sso/aws");
        HttpResponse<String> response = idp.browser().get("/metrics");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(response.body()).contains("stsbridge_logins_total{outcome=\"ok\"}")
                .contains("stsbridge_logins_total{outcome=\"failed\"}")
                .contains("stsbridge_assertions_issued_total{sp=\"urn:amazon:webservices\"}")
                .contains("stsbridge_preflight_refusals_total")
                .contains("stsbridge_sso_seconds_bucket{le=")
                .contains("stsbridge_sessions");
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndARequestId() {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        for (String path : List.of("/login", "/portal", "/explain", "/sso/aws", "/saml2/metadata", "/healthz",
                "/metrics", "/logout", "/static/stsbridge.css", "/no-such-page", "/saml2/sso")) {
            HttpResponse<String> response = browser.get(path);
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
                    .startsWith("default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
                            + "base-uri 'none'");
            assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).as(path).matches("[0-9a-f]{16}");
        }
        assertThat(browser.get("/no-such-page").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientRequestIdIsEchoedAndAnUnsafeOneReplaced() {
        Browser browser = idp.browser();
        assertThat(browser.get("/healthz", Map.of("X-Request-Id", "trace-42")).headers().firstValue("X-Request-Id"))
                .hasValue("trace-42");
        assertThat(browser.get("/healthz", Map.of("X-Request-Id", "bad id\"<")).headers()
                .firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
    }

    @Test
    void pagesAreReadableOnAPhoneAndUseOnlyOurOwnStylesheet() {
        String login = idp.browser().get("/login").body();
        assertThat(login).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<link rel=\"stylesheet\" href=\"/static/stsbridge.css\">").doesNotContain("https://");
        HttpResponse<String> css = idp.browser().get("/static/stsbridge.css");
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void wrongMethodIs405() {
        HttpResponse<String> response = idp.browser().post("/portal", Map.of());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
}
