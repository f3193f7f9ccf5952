package dev.stsbridge.verifier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.SamlPipelines;
import dev.stsbridge.verifier.VerifierSettings;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestMetadata;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The custom identity broker flow over real HTTP on 127.0.0.1, as a broker and a browser would do it: AssumeRoleWithSAML
 * through the STS Query API, getSigninToken with those credentials, login, and the console page.
 */
class ConsoleFederationTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void assumeRoleWithSamlCredentialsSignInToTheConsoleThroughTheFederationEndpoint() throws Exception {
        try (Verifier verifier = Verifier.start(VerifierSettings.defaults(Verifier.newDataDir()).withPort(0)
                .withClock(Clock.systemUTC()), new SamlPipelines());
             IamClient iam = verifier.prodIam()) {
            String metadata = TestMetadata.idp().signingCertificate(TestKeys.idp().certificate()).build();
            iam.createSAMLProvider(r -> r.name("stsbridge").samlMetadataDocument(metadata));
            iam.createRole(r -> r.roleName("SamlAdmin").assumeRolePolicyDocument(TestIam.TRUST_ALL_SAML_ACTIONS));
            String base = verifier.endpoint().toString();

            HttpResponse<String> assumed = post(base + "/", Map.of("Action", "AssumeRoleWithSAML",
                    "Version", "2011-06-15", "RoleArn", TestResponse.ROLE_ARN, "PrincipalArn", TestResponse.PROVIDER_ARN,
                    "SAMLAssertion", freshAssertion()));
            assertThat(assumed.statusCode()).as(assumed.body()).isEqualTo(200);
            String session = "{\"sessionId\":\"" + element(assumed.body(), "AccessKeyId") + "\",\"sessionKey\":\""
                    + element(assumed.body(), "SecretAccessKey") + "\",\"sessionToken\":\""
                    + element(assumed.body(), "SessionToken") + "\"}";

            HttpResponse<String> token = get(base + "/federation?" + form(Map.of("Action", "getSigninToken",
                    "SessionDuration", "7200", "Session", session)));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(token.headers().firstValue("Content-Type")).contains("application/json");
            String signinToken = match(token.body(), "\\{\"SigninToken\":\"([A-Za-z0-9_-]+)\"}");

            HttpResponse<String> login = get(base + "/federation?" + form(Map.of("Action", "login",
                    "Issuer", "https://broker.example.com/", "Destination", "https://console.aws.amazon.com/s3/",
                    "SigninToken", signinToken)));
            assertThat(login.statusCode()).isEqualTo(303);
            HttpResponse<String> console = get(base + login.headers().firstValue("Location").orElseThrow());

            assertThat(console.statusCode()).isEqualTo(200);
            assertThat(console.body())
                    .contains("<dd id=\"assumed-role-arn\">arn:aws:sts::111122223333:assumed-role/SamlAdmin/"
                            + "alice@example.com</dd>")
                    .contains("<tr><td>team</td><td>platform</td><td>no</td></tr>")
                    .contains("<dd id=\"relay-state\">https://console.aws.amazon.com/s3/</dd>");
        }
    }

    private static String freshAssertion() {
        Instant now = Instant.now();
        return TestResponse.alice().issueInstant(now).notBefore(now.minusSeconds(60))
                .notOnOrAfter(now.plus(Duration.ofMinutes(5))).confirmationNotOnOrAfter(now.plus(Duration.ofMinutes(5)))
                .tag("team", "platform").base64();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String element(String xml, String name) {
        return match(xml, "<" + name + ">([^<]+)</" + name + ">");
    }

    private static String match(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}
