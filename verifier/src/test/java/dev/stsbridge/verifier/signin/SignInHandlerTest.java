package dev.stsbridge.verifier.signin;

import static dev.stsbridge.verifier.testing.TestResponse.ATTR;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.iam.AssertionEncryptionMode;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.testing.InMemoryCredentialIssuer;
import dev.stsbridge.verifier.testing.TestEncryption;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestProviders;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** The console sign-in endpoint on a real Jetty server (127.0.0.1, port 0) driven by java.net.http. */
class SignInHandlerTest {
    private static final String DEV_PROVIDER = "arn:aws:iam::444455556666:saml-provider/stsbridge";
    private static final String DEV_ROLE = "arn:aws:iam::444455556666:role/Developer";
    private static final String READONLY_ROLE = "arn:aws:iam::111122223333:role/ReadOnly";

    private final TestIam iam = TestIam.standard();
    private Server server;
    private String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        iam.add(TestProviders.provider(DEV_PROVIDER, List.of(TestKeys.idp().certificate()),
                AssertionEncryptionMode.Allowed, List.of()));
        iam.addRole(DEV_ROLE, TestIam.TRUST_ALL_SAML_ACTIONS.replace("111122223333:saml", "444455556666:saml"), 3600,
                Map.of());
        iam.addRole(READONLY_ROLE, TestIam.TRUST_ALL_SAML_ACTIONS, 3600, Map.of());
        SignInSettings settings = SignInSettings.defaults().withAccountAliases(Map.of("111122223333", "prod"));
        var encrypting = TestProviders.encrypting(AssertionEncryptionMode.Required, TestKeys.spEncryption());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        SignInHandler handler = new SignInHandler(iam, uuid -> uuid.equals(TestProviders.UUID)
                ? Optional.of(encrypting) : Optional.empty(), new TrustPolicies(), new InMemoryCredentialIssuer(),
                Clock.fixed(TestSts.NOW, ZoneOffset.UTC), settings);
        // mounted as the verifier server mounts it: Jetty path specs, no context path
        PathMappingsHandler routes = new PathMappingsHandler();
        for (String spec : List.of("/saml", "/saml/acs/*", "/console")) {
            routes.addMapping(PathSpec.from(spec), handler);
        }
        server.setHandler(routes);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> form(String... keyValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            form.put(keyValues[i], keyValues[i + 1]);
        }
        return form;
    }

    /** Follows the 303 to /console and returns the console page. */
    private HttpResponse<String> followToConsole(HttpResponse<String> signIn) throws IOException, InterruptedException {
        assertThat(signIn.statusCode()).isEqualTo(303);
        String location = signIn.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(location).getPath()).isEqualTo("/console");
        return get(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery());
    }

    @Test
    void postWhenOneRolePairThenRedirectsToConsoleShowingTheSession() throws Exception {
        String saml = TestResponse.alice().tag("department", "engineering").tag("team", "platform")
                .attribute(ATTR + "TransitiveTagKeys", "team").attribute(ATTR + "SourceIdentity", "alice").base64();
        HttpResponse<String> console = followToConsole(post("/saml", form("SAMLResponse", saml,
                "RelayState", "https://console.aws.amazon.com/s3/home?region=eu-west-1")));

        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body())
                .contains("<dd id=\"assumed-role-arn\">arn:aws:sts::111122223333:assumed-role/SamlAdmin/alice@example.com</dd>")
                .contains("<dd id=\"account\">prod (111122223333)</dd>")
                .contains("<dd id=\"expiration\">" + TestSts.NOW.plusSeconds(3600) + "</dd>")
                .contains("<dd id=\"source-identity\">alice</dd>")
                .contains("<tr><td>department</td><td>engineering</td><td>no</td></tr>")
                .contains("<tr><td>team</td><td>platform</td><td>yes</td></tr>")
                .contains("<dd id=\"relay-state\">https://console.aws.amazon.com/s3/home?region=eu-west-1</dd>");
    }

    @Test
    void postWhenSeveralRolePairsThenRolePickerShapedLikeAws() throws Exception {
        String saml = TestResponse.alice().role(READONLY_ROLE, TestResponse.PROVIDER_ARN).role(DEV_ROLE, DEV_PROVIDER)
                .base64();
        HttpResponse<String> picker = post("/saml", form("SAMLResponse", saml, "RelayState", ""));

        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body())
                .contains("<form id=\"saml_form\" name=\"saml_form\" action=\"/saml\" method=\"post\">")
                .contains("<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + saml + "\">")
                .contains("<input type=\"hidden\" name=\"RelayState\" value=\"\">")
                .contains("<input type=\"hidden\" name=\"name\" value=\"\">")
                .contains("Select a role:")
                .contains("<div class=\"saml-account-name\">Account: prod (111122223333)</div>")
                .contains("<div class=\"saml-account-name\">Account: 444455556666</div>")
                .contains("<input type=\"radio\" name=\"roleIndex\" value=\"" + TestResponse.ROLE_ARN + "\"")
                .contains("<input type=\"radio\" name=\"roleIndex\" value=\"" + READONLY_ROLE + "\"")
                .contains("<input type=\"radio\" name=\"roleIndex\" value=\"" + DEV_ROLE + "\"")
                .contains("<button type=\"submit\" id=\"signin_button\">Sign in</button>")
                .doesNotContain("<script");
        assertThat(picker.body().indexOf("Account: 444455556666")).isGreaterThan(picker.body().indexOf(READONLY_ROLE));
    }

    @Test
    void postWhenRoleChosenFromPickerThenSignsInToThatAccount() throws Exception {
        String saml = TestResponse.alice().role(DEV_ROLE, DEV_PROVIDER).base64();
        HttpResponse<String> console = followToConsole(post("/saml", form("SAMLResponse", saml, "RelayState", "",
                "roleIndex", DEV_ROLE)));
        assertThat(console.body())
                .contains("arn:aws:sts::444455556666:assumed-role/Developer/alice@example.com")
                .contains("<dd id=\"account\">444455556666</dd>")
                .contains("<dd id=\"relay-state\">(none: the console home page)</dd>");
    }

    @Test
    void postWhenChosenRoleNotInAssertionThenAccessDeniedPage() throws Exception {
        HttpResponse<String> refused = post("/saml", form("SAMLResponse", TestResponse.alice().base64(),
                "roleIndex", TestResponse.EVIL_ROLE_ARN));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Your request included an invalid SAML response. To logout, click "
                + "<a href=\"/\">here</a>.").contains("AccessDenied: Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void postWhenSignatureInvalidThenInvalidSamlResponsePageWithReason() throws Exception {
        String saml = TestResponse.alice().signingKey(TestKeys.attacker()).base64();
        HttpResponse<String> refused = post("/saml", form("SAMLResponse", saml));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<p id=\"detail\" class=\"detail\">InvalidIdentityToken: "
                + "Response signature invalid</p>");
    }

    @Test
    void postWhenNoRoleAttributeThenInvalidSamlResponsePage() throws Exception {
        HttpResponse<String> refused = post("/saml", form("SAMLResponse",
                TestResponse.alice().removeAttribute(ATTR + "Role").base64()));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Your request included an invalid SAML response.")
                .contains("InvalidIdentityToken: Invalid SAML response: the Role attribute names no role and SAML "
                        + "provider pair");
    }

    @Test
    void postWhenSessionDurationAboveRoleMaximumThenConsoleSessionNotCapped() throws Exception {
        String saml = TestResponse.alice().replaceAttribute(ATTR + "Role", READONLY_ROLE + "," + TestResponse.PROVIDER_ARN)
                .attribute(ATTR + "SessionDuration", "7200").base64();
        HttpResponse<String> console = followToConsole(post("/saml", form("SAMLResponse", saml)));
        assertThat(console.body()).contains("<dd id=\"expiration\">" + TestSts.NOW.plusSeconds(7200) + "</dd>");
    }

    @Test
    void postWhenRelayStateIsNotConsoleUrlThenShownAsIgnoredAndEscaped() throws Exception {
        String hostile = "https://evil.example.net/\"><script>alert(1)</script>";
        HttpResponse<String> console = followToConsole(post("/saml", form("SAMLResponse",
                TestResponse.alice().base64(), "RelayState", hostile)));
        assertThat(console.body()).contains("(ignored: the RelayState is not an AWS console URL)")
                .doesNotContain("<script>").doesNotContain("evil.example.net");
    }

    @Test
    void postWhenHostileRelayStateOnPickerThenEscapedInHiddenField() throws Exception {
        String saml = TestResponse.alice().role(READONLY_ROLE, TestResponse.PROVIDER_ARN).base64();
        HttpResponse<String> picker = post("/saml", form("SAMLResponse", saml, "RelayState", "\"><script>x</script>"));
        assertThat(picker.body()).contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"")
                .doesNotContain("<script>");
    }

    @Test
    void postWhenEncryptedAssertionToAcsUrlThenSignsIn() throws Exception {
        String acs = "/saml/acs/" + TestProviders.UUID;
        String saml = TestResponse.alice().recipient("https://signin.aws.amazon.com" + acs)
                .encryptTo(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey())).base64();
        iam.addRole(TestResponse.ROLE_ARN, TestIam.TRUST_ALL_SAML_ACTIONS.replace("https://signin.aws.amazon.com/saml",
                "https://signin.aws.amazon.com" + acs), 3600, Map.of());
        HttpResponse<String> console = followToConsole(post(acs, form("SAMLResponse", saml)));
        assertThat(console.body()).contains("arn:aws:sts::111122223333:assumed-role/SamlAdmin/alice@example.com");
    }

    @Test
    void postWhenEncryptedAssertionToPlainSamlThenRefused() throws Exception {
        String saml = TestResponse.alice().encryptTo(TestEncryption.aes256Gcm(TestKeys.spEncryption().publicKey()))
                .base64();
        HttpResponse<String> refused = post("/saml", form("SAMLResponse", saml));
        assertThat(refused.body()).contains("InvalidIdentityToken: Invalid SAML response: an encrypted assertion must "
                + "be posted to /saml/acs/&lt;IdP-ID&gt;");
    }

    @Test
    void postWhenUnknownIdpIdThenProviderDoesNotExist() throws Exception {
        HttpResponse<String> refused = post("/saml/acs/SAMLSPNOSUCHPROVIDER00001", form("SAMLResponse",
                TestResponse.alice().base64()));
        assertThat(refused.body()).contains("InvalidIdentityToken: Specified provider doesn&#39;t exist.");
    }

    @Test
    void everyPageCarriesSecurityHeaders() throws Exception {
        for (HttpResponse<String> page : List.of(post("/saml", form("SAMLResponse", "bm90IHhtbA==")),
                get("/console?session=nope"), post("/saml", form("SAMLResponse", TestResponse.alice().base64())))) {
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'none'; style-src 'sha256-").contains("frame-ancestors 'none'");
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void getWhenUnknownConsoleSessionThenNotFound() throws Exception {
        HttpResponse<String> page = get("/console?session=unknown");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Your console session has expired or does not exist; sign in again");
    }

    @Test
    void getOnSamlThenMethodNotAllowedAndOtherPathsLeftToTheNextHandler() throws Exception {
        assertThat(get("/saml").statusCode()).isEqualTo(405);
        assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
    }
}
