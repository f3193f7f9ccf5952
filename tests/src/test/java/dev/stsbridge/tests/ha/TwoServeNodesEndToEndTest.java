package dev.stsbridge.tests.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.state.PostgresServer;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;
import dev.stsbridge.tests.support.Processes;
import dev.stsbridge.tests.support.Repository;

/**
 * Two {@code java -jar app/target/stsbridge.jar serve} processes on one real PostgreSQL ({@code state.postgresql}
 * in the configuration file, the password from the environment) and one data directory, started at the same time.
 * A browser that opened the login form on node A, whose node is then killed with SIGKILL, signs in on node B with
 * the same form: the anonymous session and its CSRF token were in the database. Then node B alone serves the login
 * (portal, AWS sign-in) that was made on A.
 */
class TwoServeNodesEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path work;
    private static PostgresServer postgres;
    private static Processes.Running nodeA;
    private static Processes.Running nodeB;

    @BeforeAll
    static void start() throws IOException {
        postgres = PostgresServer.start();
        String url = postgres.createDatabase("stsbridge");
        Path dataDir = work.resolve("data");
        new KeyRingService(new KeyRingStore(dataDir, Map.of()), new SigningKeyGenerator(Clock.systemUTC()))
                .generate(new KeySpec(KeyAlgorithm.RSA_2048, "http://127.0.0.1:8080/saml2/metadata",
                        Duration.ofDays(30)), false);
        String yaml = demoYaml().replace("data-dir: data", "data-dir: " + dataDir) + "\nstate:\n  postgresql:\n"
                + "    url: " + url + "\n    user: " + postgres.user() + "\n    password: {env: STSBRIDGE_DB_PASSWORD}\n"
                + "    pool-size: 4\n";
        Path config = Files.writeString(work.resolve("stsbridge.yaml"), yaml);
        nodeA = serve(config);
        nodeB = serve(config); // at the same time: one creates the NameID secret and mfa-key, the other reads them
        awaitListening(nodeA);
        awaitListening(nodeB);
    }

    @AfterAll
    static void stop() {
        for (Processes.Running node : new Processes.Running[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Processes.Running serve(Path config) throws IOException {
        Path home = Files.createDirectories(work.resolve("home-" + System.nanoTime()));
        return Processes.command(Repository.java().toString(), "-Xmx256m", "-jar",
                        Repository.stsbridgeJar().toString(), "serve", "--config", config.toString(), "--port", "0")
                .environment("STSBRIDGE_DB_PASSWORD", postgres.password()).environment("HOME", home.toString())
                .start();
    }

    private static URI awaitListening(Processes.Running node) {
        String out = node.awaitOutput("Press Ctrl-C to stop.", Duration.ofSeconds(60));
        Matcher m = LISTENING.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(out).contains("state:    shared in PostgreSQL " + postgres.url("stsbridge"));
        return URI.create(m.group(1));
    }

    private static String demoYaml() throws IOException {
        try (var in = TwoServeNodesEndToEndTest.class.getClassLoader()
                .getResourceAsStream(StsbridgeConfig.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aNodeKilledMidLoginLosesNothingTheOtherNodeFinishesTheLoginAndServesIt() throws Exception {
        URI a = awaitListening(nodeA);
        URI b = awaitListening(nodeB);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> form = get(browser, a.resolve("/login"));
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();

        ProcessHandle.of(nodeA.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
        assertThat(ProcessHandle.of(nodeA.pid()).map(p -> p.onExit().join())).isPresent();
        assertThat(nodeA.isAlive()).isFalse();

        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(b.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(Map.of("username", "bob", "password", "builder",
                        "csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("the login form of node A, posted to node B: " + login.body())
                .isEqualTo(303);
        assertThat(get(browser, b.resolve("/portal")).body()).contains("ReadOnly");
        HttpResponse<String> sso = get(browser, b.resolve("/sso/aws?account=dev&role=ReadOnly"));
        assertThat(sso.statusCode()).isEqualTo(200);
        Matcher response = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"").matcher(sso.body());
        assertThat(response.find()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(response.group(1)), StandardCharsets.UTF_8))
                .contains("arn:aws:iam::444455556666:role/ReadOnly");
    }

    private static HttpResponse<String> get(HttpClient browser, URI url) throws Exception {
        return browser.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
