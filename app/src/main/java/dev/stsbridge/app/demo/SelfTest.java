package dev.stsbridge.app.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Signs alice in over HTTP exactly as a browser would, through the running demo: {@code GET /login} (session cookie
 * and CSRF token) -> {@code POST /login} -> {@code GET /sso/aws?account=prod&role=Admin} (the auto-posting form) ->
 * the form posted to its target, the AWS model's {@code /saml} -> {@code /console}, which must show alice's assumed
 * role. Pages are read with jsoup, forms are submitted with the fields they carry, cookies are kept per origin, and
 * every redirect is followed by hand so that each step is checked.
 */
public final class SelfTest {

    /** What a passing run shows on the console page. */
    public static final String EXPECTED_ARN = "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Demo demo;
    private final HttpClient http;

    public SelfTest(Demo demo) {
        this.demo = demo;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    }

    /** What the console page showed. */
    public record Console(String assumedRoleArn, String sourceIdentity, Map<String, String> tags) {
    }

    /** A step that did not go as a browser's would. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String step, String problem) {
            super(step + ": " + problem);
        }
    }

    /**
     * Runs the sign-in.
     *
     * @throws Failure naming the step that failed and what it got
     */
    public Console run() {
        URI login = demo.loginUrl();
        Document loginPage = page("GET /login", get(login), 200);
        Element form = required("GET /login", loginPage, "form#login-form");
        Map<String, String> fields = fields(form);
        fields.put("username", "alice");
        fields.put("password", "wonderland");
        URI portal = redirect("POST /login", post(form.absUrl("action"), fields), "/portal");
        page("GET /portal", get(portal), 200);
        URI sso = demo.idpUrl().resolve("/sso/aws?account=prod&role=Admin");
        Element samlPost = required("GET /sso/aws", page("GET /sso/aws", get(sso), 200), "form#saml-post");
        URI console = redirect("POST " + samlPost.attr("action"), post(samlPost.absUrl("action"), fields(samlPost)),
                "/console");
        Console shown = console(page("GET /console", get(console), 200));
        if (!shown.assumedRoleArn().equals(EXPECTED_ARN)) {
            throw new Failure("GET /console", "expected the role " + EXPECTED_ARN + ", the page shows "
                    + shown.assumedRoleArn());
        }
        return shown;
    }

    private static Console console(Document page) {
        String arn = required("GET /console", page, "#assumed-role-arn").text();
        String source = required("GET /console", page, "#source-identity").text();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Element row : page.select("#session-tags tr:has(td)")) {
            tags.put(row.child(0).text(), row.child(1).text());
        }
        return new Console(arn, source, tags);
    }

    private HttpResponse<String> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET());
    }

    private HttpResponse<String> post(String action, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).header("Accept", "text/html").build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Failure(built.method() + " " + built.uri(), "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(built.method() + " " + built.uri(), "interrupted");
        }
    }

    private static Document page(String step, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new Failure(step, "expected HTTP " + status + ", got " + response.statusCode() + " "
                    + Jsoup.parse(response.body()).text());
        }
        return Jsoup.parse(response.body(), response.uri().toString());
    }

    /** The Location of a 302/303 whose path is {@code path}, resolved against the request's URL. */
    private static URI redirect(String step, HttpResponse<String> response, String path) {
        Optional<String> location = response.headers().firstValue("Location");
        if (response.statusCode() / 100 != 3 || location.isEmpty()) {
            throw new Failure(step, "expected a redirect to " + path + ", got HTTP " + response.statusCode() + " "
                    + Jsoup.parse(response.body()).text());
        }
        URI target = response.uri().resolve(location.get());
        if (!target.getPath().equals(path)) {
            throw new Failure(step, "expected a redirect to " + path + ", got one to " + target);
        }
        return target;
    }

    private static Element required(String step, Document page, String selector) {
        Element element = page.selectFirst(selector);
        if (element == null) {
            throw new Failure(step, "the page has no " + selector + ": " + page.text());
        }
        return element;
    }

    /** The form's named input fields and their values, as a browser submits them (without a button). */
    private static Map<String, String> fields(Element form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
