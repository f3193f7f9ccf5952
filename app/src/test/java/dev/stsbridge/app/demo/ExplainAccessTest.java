package dev.stsbridge.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explain page's access form in the running demo, over HTTP as a browser posts it: the demo wires the same
 * check as {@code stsbridge abac} (STS, then the verifier's policy simulator).
 */
class ExplainAccessTest {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void aliceChecksHerTeamsObjectAndAnotherTeamsOnTheExplainPage(@TempDir Path dir) throws Exception {
        try (Demo demo = Demo.start(DemoSettings.defaults(DemoKeys.generate(dir)).withPorts(0, 0))) {
            URI base = demo.idpUrl();
            Document login = get(base.resolve("/login"));
            post(base.resolve("/login"), Map.of("csrf", csrf(login), "username", "alice", "password", "wonderland"));
            Document explain = get(base.resolve("/explain"));
            assertThat(explain.select("select#access-role option").eachAttr("value"))
                    .containsExactly("111122223333 Admin", "444455556666 Developer");

            Document allowed = post(base.resolve("/explain"), form(csrf(explain), "111122223333 Admin", "team=platform"));
            assertThat(allowed.select("#access-verdict").text()).isEqualTo("allowed");
            assertThat(allowed.select("li.access-statement").eachText()).containsExactly(
                    "statement \"TeamResources\" of policy abac-team-access (IAM Policy), lines 4-21");
            assertThat(allowed.select("#access-principal").text()).isEqualTo("arn:aws:sts::111122223333:assumed-role/"
                    + "Admin/alice@example.com (principal tags department=engineering, team=platform)");

            Document denied = post(base.resolve("/explain"), form(csrf(allowed), "444455556666 Developer",
                    "team=payments"));
            assertThat(denied.select("#access-verdict").text()).isEqualTo("implicitDeny");
            assertThat(denied.select("#access-decision").hasClass("error")).isTrue();
            assertThat(denied.select("#access-evaluated").text()).isEqualTo("abac-team-access (managed)");
        }
    }

    private static Map<String, String> form(String csrf, String role, String tags) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrf);
        form.put("role", role);
        form.put("action", "s3:GetObject");
        form.put("resource", "arn:aws:s3:::reports/q3.csv");
        form.put("resource-tags", tags);
        return form;
    }

    private static String csrf(Document page) {
        return page.select("input[name=csrf]").first().attr("value");
    }

    private Document get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private Document post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }
}
