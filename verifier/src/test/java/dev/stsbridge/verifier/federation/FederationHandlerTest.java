package dev.stsbridge.verifier.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.signin.ConsoleSessions;
import dev.stsbridge.verifier.signin.SignInHandler;
import dev.stsbridge.verifier.signin.SignInSettings;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.SessionOrigin;
import dev.stsbridge.verifier.sts.TemporaryCredentials;
import dev.stsbridge.verifier.testing.InMemoryCredentialIssuer;
import dev.stsbridge.verifier.testing.MutableClock;
import dev.stsbridge.verifier.testing.TestIam;

/**
 * The console federation endpoint on a real Jetty server (127.0.0.1, port 0) driven by java.net.http, mounted next
 * to the sign-in handler's {@code /console} with shared console sessions, as the verifier mounts them.
 */
class FederationHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ARN = "arn:aws:sts::111122223333:assumed-role/SamlAdmin/alice@example.com";
    private static final String DESTINATION = "https://console.aws.amazon.com/s3/home?region=eu-west-1";
    private static final Pattern TOKEN = Pattern.compile("\\{\"SigninToken\":\"([A-Za-z0-9_-]{43})\"}");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryCredentialIssuer issuer = new InMemoryCredentialIssuer();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        ConsoleSessions sessions = new ConsoleSessions();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from("/federation"), new FederationHandler(issuer, sessions, clock));
        routes.addMapping(PathSpec.from("/console"), new SignInHandler(TestIam.standard(), uuid -> Optional.empty(),
                new TrustPolicies(), issuer, clock, SignInSettings.defaults(), sessions));
        server.setHandler(routes);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private static SessionGrant grant(Duration lifetime) {
        return new SessionGrant("111122223333", "arn:aws:iam::111122223333:role/SamlAdmin", ARN,
                "AROAEXAMPLE0000000001:alice@example.com", NOW.plus(lifetime), Map.of("team", "platform"),
                List.of("team"), Optional.of("alice"));
    }

    private TemporaryCredentials credentials() {
        return issuer.issue(grant(Duration.ofHours(1)));
    }

    private static String session(TemporaryCredentials c) {
        return session(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static String session(String id, String key, String token) {
        return "{\"sessionId\":\"" + id + "\",\"sessionKey\":\"" + key + "\",\"sessionToken\":\"" + token + "\"}";
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(Map<String, String> params) throws IOException, InterruptedException {
        return get("/federation?" + encode(params));
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/federation"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signinToken(TemporaryCredentials c, String... more) throws Exception {
        Map<String, String> params = params("Action", "getSigninToken", "Session", session(c));
        params.putAll(params(more));
        HttpResponse<String> response = get(params);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher matcher = TOKEN.matcher(response.body());
        assertThat(matcher.matches()).as(response.body()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> login(String token) throws Exception {
        return get(params("Action", "login", "Issuer", "https://broker.example.com/", "Destination", DESTINATION,
                "SigninToken", token));
    }

    private HttpResponse<String> console(HttpResponse<String> login) throws Exception {
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        URI location = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).isEqualTo("/console");
        return get(location.getRawPath() + "?" + location.getRawQuery());
    }

    private static void assertRefused(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo(message);
    }

    @Test
    void getSigninTokenThenLoginThenConsoleShowsTheRoleSession() throws Exception {
        HttpResponse<String> tokenResponse = get(params("Action", "getSigninToken", "SessionDuration", "1800",
                "Session", session(credentials())));
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        assertThat(tokenResponse.headers().firstValue("Content-Type")).contains("application/json");
        Matcher token = TOKEN.matcher(tokenResponse.body());
        assertThat(token.matches()).isTrue();

        HttpResponse<String> console = console(login(token.group(1)));

        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body())
                .contains("<dd id=\"assumed-role-arn\">" + ARN + "</dd>")
                .contains("<dd id=\"expiration\">" + NOW.plusSeconds(1800) + "</dd>")
                .contains("<dd id=\"source-identity\">alice</dd>")
                .contains("<tr><td>team</td><td>platform</td><td>yes</td></tr>")
                .contains("<dd id=\"relay-state\">" + DESTINATION + "</dd>")
                .contains("<dd id=\"issuer\">https://broker.example.com/</dd>");
    }

    @Test
    void postFormBodiesWorkForBothActions() throws Exception {
        HttpResponse<String> tokenResponse = post(params("Action", "getSigninToken", "Session", session(credentials())));
        Matcher token = TOKEN.matcher(tokenResponse.body());
        assertThat(token.matches()).as(tokenResponse.body()).isTrue();

        HttpResponse<String> console = console(post(params("Action", "login", "Destination", DESTINATION,
                "SigninToken", token.group(1))));
        assertThat(console.body()).contains(ARN);
    }

    @Test
    void loginWithoutSessionDurationEndsWithTheCredentials() throws Exception {
        String token = signinToken(credentials());
        clock.advance(Duration.ofMinutes(10));
        assertThat(console(login(token)).body())
                .contains("<dd id=\"expiration\">" + NOW.plus(Duration.ofHours(1)) + "</dd>");
    }

    @Test
    void loginWithSessionDurationMayOutlastTheCredentials() throws Exception {
        String token = signinToken(credentials(), "SessionDuration", "43200");
        clock.advance(Duration.ofMinutes(5));
        assertThat(console(login(token)).body()).contains("<dd id=\"expiration\">"
                + NOW.plus(Duration.ofMinutes(5)).plusSeconds(43_200) + "</dd>");
    }

    @Test
    void loginWithoutDestinationGoesToTheConsoleHome() throws Exception {
        String token = signinToken(credentials());
        HttpResponse<String> console = console(get(params("Action", "login", "SigninToken", token)));
        assertThat(console.body()).contains("<dd id=\"relay-state\">(none: the console home page)</dd>")
                .contains("<dd id=\"issuer\">(none)</dd>");
    }

    @Test
    void requestWithoutActionIsInvalidAction() throws Exception {
        assertRefused(get(params("Session", session(credentials()))), "Invalid Action parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logout", "GetSigninToken", "LOGIN"})
    void unknownActionIsInvalidAction(String action) throws Exception {
        assertRefused(get(params("Action", action, "Session", session(credentials()))), "Invalid Action parameter");
    }

    @Test
    void getSigninTokenWithoutSessionIsInvalidCredentials() throws Exception {
        assertRefused(get(params("Action", "getSigninToken")), "Invalid credentials parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "\"text\"", "{\"sessionId\":\"ASIA\"}",
            "{\"sessionId\":1,\"sessionKey\":\"k\",\"sessionToken\":\"t\"}",
            "{\"sessionId\":\"\",\"sessionKey\":\"k\",\"sessionToken\":\"t\"}",
            "{\"sessionId\":\"a\",\"sessionId\":\"b\",\"sessionKey\":\"k\",\"sessionToken\":\"t\"}",
            "{\"sessionId\":\"a\",\"sessionKey\":\"k\",\"sessionToken\":\"t\"} trailing"})
    void getSigninTokenWithMalformedSessionJsonIsInvalidCredentials(String json) throws Exception {
        assertRefused(get(params("Action", "getSigninToken", "Session", json)), "Invalid credentials parameter");
    }

    @Test
    void getSigninTokenWithUnknownKeyIsInvalidCredentials() throws Exception {
        TemporaryCredentials c = credentials();
        assertRefused(get(params("Action", "getSigninToken", "Session",
                session("ASIAUNKNOWN000000000", c.secretAccessKey(), c.sessionToken()))), "Invalid credentials parameter");
    }

    @Test
    void getSigninTokenWithAnAccountKeyIsInvalidCredentials() throws Exception {
        assertRefused(get(params("Action", "getSigninToken", "Session", session("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "none"))), "Invalid credentials parameter");
    }

    @Test
    void getSigninTokenWithWrongSecretIsInvalidCredentials() throws Exception {
        TemporaryCredentials c = credentials();
        assertRefused(get(params("Action", "getSigninToken", "Session",
                session(c.accessKeyId(), c.secretAccessKey() + "x", c.sessionToken()))), "Invalid credentials parameter");
    }

    @Test
    void getSigninTokenWithWrongSessionTokenIsInvalidCredentials() throws Exception {
        TemporaryCredentials c = credentials();
        assertRefused(get(params("Action", "getSigninToken", "Session",
                session(c.accessKeyId(), c.secretAccessKey(), "forged"))), "Invalid credentials parameter");
    }

    @Test
    void getSigninTokenWithExpiredCredentialsIsInvalidCredentials() throws Exception {
        TemporaryCredentials c = credentials();
        clock.advance(Duration.ofHours(1));
        assertRefused(get(params("Action", "getSigninToken", "Session", session(c))), "Invalid credentials parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"899", "43201", "0", "-900", "3600.0", "1e3", "abc", " 900", "9000000"})
    void getSigninTokenWithSessionDurationOutOfRangeIsInvalidSessionDuration(String value) throws Exception {
        assertRefused(get(params("Action", "getSigninToken", "SessionDuration", value, "Session",
                session(credentials()))), "Invalid SessionDuration parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"900", "43200"})
    void getSigninTokenAcceptsSessionDurationBounds(String value) throws Exception {
        String token = signinToken(credentials(), "SessionDuration", value);
        assertThat(console(login(token)).body())
                .contains("<dd id=\"expiration\">" + NOW.plusSeconds(Long.parseLong(value)) + "</dd>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROLE_CHAINING", "GET_FEDERATION_TOKEN"})
    void getSigninTokenWithSessionDurationForCredentialsThatRefuseItIsInvalidCredentials(String origin)
            throws Exception {
        TemporaryCredentials c = issuer.issue(grant(Duration.ofHours(1)).withOrigin(SessionOrigin.valueOf(origin)));
        assertRefused(get(params("Action", "getSigninToken", "SessionDuration", "3600", "Session", session(c))),
                "Invalid credentials parameter");
        assertThat(console(login(signinToken(c))).body())
                .contains("<dd id=\"expiration\">" + NOW.plus(Duration.ofHours(1)) + "</dd>");
    }

    @Test
    void parameterGivenTwiceIsRefused() throws Exception {
        String s = session(credentials());
        assertRefused(get("/federation?Action=getSigninToken&Session=" + URLEncoder.encode(s, StandardCharsets.UTF_8)
                + "&Session=" + URLEncoder.encode(s, StandardCharsets.UTF_8)), "Invalid credentials parameter");
        assertRefused(get("/federation?Action=login&Action=getSigninToken"), "Invalid Action parameter");
    }

    @Test
    void loginWithReplayedTokenIsInvalidSigninToken() throws Exception {
        String token = signinToken(credentials());
        assertThat(login(token).statusCode()).isEqualTo(303);
        assertRefused(login(token), "Invalid SigninToken parameter");
    }

    @Test
    void loginWithTokenOlderThan15MinutesIsInvalidSigninToken() throws Exception {
        String fresh = signinToken(credentials());
        String stale = signinToken(credentials());
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(login(fresh).statusCode()).isEqualTo(303);
        clock.advance(Duration.ofSeconds(1));
        assertRefused(login(stale), "Invalid SigninToken parameter");
    }

    @Test
    void loginWithUnknownOrMissingTokenIsInvalidSigninToken() throws Exception {
        assertRefused(login("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "Invalid SigninToken parameter");
        assertRefused(get(params("Action", "login", "Destination", DESTINATION)), "Invalid SigninToken parameter");
    }

    @Test
    void loginAfterTheCredentialsExpiredWithoutSessionDurationIsInvalidSigninToken() throws Exception {
        TemporaryCredentials c = issuer.issue(grant(Duration.ofMinutes(10)));
        String token = signinToken(c);
        clock.advance(Duration.ofMinutes(10));
        assertRefused(login(token), "Invalid SigninToken parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.net/", "http://console.aws.amazon.com/",
            "https://console.aws.amazon.com.evil.example/", "javascript:alert(1)", "/console?session=x"})
    void loginWithDestinationNotAnAwsConsoleUrlIsRefusedAndKeepsTheToken(String destination) throws Exception {
        String token = signinToken(credentials());
        assertRefused(get(params("Action", "login", "Destination", destination, "SigninToken", token)),
                "Invalid Destination parameter");
        assertThat(login(token).statusCode()).isEqualTo(303);
    }

    @Test
    void hostileIssuerIsShownEscaped() throws Exception {
        String token = signinToken(credentials());
        HttpResponse<String> console = console(get(params("Action", "login", "Issuer", "\"><script>x</script>",
                "SigninToken", token)));
        assertThat(console.body()).contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void everyResponseCarriesTheSignInPagesSecurityHeaders() throws Exception {
        String token = signinToken(credentials());
        for (HttpResponse<String> response : List.of(get(params("Action", "getSigninToken", "Session",
                session(credentials()))), login(token), get(params("Action", "nope")))) {
            assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'none'; style-src 'sha256-").contains("frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void otherMethodsAreNotAllowedAndOtherPathsLeftToTheNextHandler() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/federation"))
                .PUT(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(get("/federation/other").statusCode()).isEqualTo(404);
    }
}
