package dev.stsbridge.idp.web.oidc;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.stsbridge.idp.config.OidcClientConfig;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;

/** The OpenID Connect endpoints over real HTTP, with the demo directory's alice. */
class OidcEndpointsTest {

    private static final URI ISSUER = URI.create("https://localhost:8443");
    private static final String PUBLIC = "stsbridge-demo";
    private static final String CONFIDENTIAL = "ci-deployer";
    private static final String MFA_CLIENT = "needs-mfa";
    private static final String SECRET = "a-test-secret-made-by-the-test";
    private static final String REDIRECT = "http://127.0.0.1:4711/callback";
    private static final String VERIFIER = "verifier-of-the-test-verifier-of-the-test-1234";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static TestIdp idp;

    @BeforeAll
    static void start() throws Exception {
        Path secret = Files.writeString(dataDir.resolve("ci.secret"), SECRET + "\n");
        List<URI> loopback = List.of(URI.create("http://127.0.0.1/callback"));
        idp = TestIdp.startWithOidc(dataDir.resolve("data"), ISSUER, List.of(
                new OidcClientConfig(PUBLIC, loopback, Optional.empty(), false),
                new OidcClientConfig(CONFIDENTIAL, loopback, Optional.of(SecretRef.fromFile(secret)), false),
                new OidcClientConfig(MFA_CLIENT, loopback, Optional.empty(), true)));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String authorizePath(String clientId, Map<String, String> changes) throws Exception {
        Map<String, String> p = new LinkedHashMap<>(Map.of("client_id", clientId, "redirect_uri", REDIRECT,
                "response_type", "code", "scope", "openid email", "state", "xyz", "nonce", "n-0S6",
                "code_challenge", challenge(VERIFIER), "code_challenge_method", "S256"));
        p.putAll(changes);
        p.values().removeIf(String::isEmpty);
        StringBuilder query = new StringBuilder();
        p.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return "/oidc/authorize?" + query;
    }

    private static Map<String, String> queryOf(String location) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String codeFor(Browser browser, String clientId) throws Exception {
        String location = location(browser.get(authorizePath(clientId, Map.of())));
        assertThat(location).startsWith(REDIRECT + "?code=");
        return queryOf(location).get("code");
    }

    private static HttpResponse<String> token(Map<String, String> form, Optional<String> authorization)
            throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(idp.server.baseUrl().resolve("/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        authorization.ifPresent(a -> request.header("Authorization", a));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> redeem(String code, String clientId) {
        return new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", VERIFIER, "client_id", clientId));
    }

    private static void assertOAuthError(HttpResponse<String> response, int status, String error, String description)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("error").asText()).isEqualTo(error);
        assertThat(json.get("error_description").asText()).isEqualTo(description);
    }

    @Test
    void discoveryNamesTheEndpointsAndWhatIsSupported() throws Exception {
        HttpResponse<String> response = idp.browser().get("/.well-known/openid-configuration");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        JsonNode d = JSON.readTree(response.body());
        assertThat(d.get("issuer").asText()).isEqualTo("https://localhost:8443");
        assertThat(d.get("authorization_endpoint").asText()).isEqualTo("https://localhost:8443/oidc/authorize");
        assertThat(d.get("token_endpoint").asText()).isEqualTo("https://localhost:8443/oidc/token");
        assertThat(d.get("jwks_uri").asText()).isEqualTo("https://localhost:8443/oidc/jwks");
        assertThat(d.get("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(d.get("grant_types_supported").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(d.get("subject_types_supported").toString()).isEqualTo("[\"public\"]");
        assertThat(d.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        assertThat(d.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(d.get("token_endpoint_auth_methods_supported").toString())
                .isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"none\"]");
        assertThat(d.get("claims_supported").toString()).contains("\"https://aws.amazon.com/tags\"", "\"amr\"");
    }

    @Test
    void jwksIsCacheableJsonWithOnePublicRs256Key() throws Exception {
        HttpResponse<String> response = idp.browser().get("/oidc/jwks");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        JWKSet jwks = JWKSet.parse(response.body());
        assertThat(jwks.getKeys()).hasSize(1);
        assertThat(jwks.getKeys().get(0).isPrivate()).isFalse();
        assertThat(jwks.getKeys().get(0).getKeyID()).isEqualTo(jwks.getKeys().get(0).computeThumbprint().toString());
        assertThat(Files.exists(dataDir.resolve("data/keys/oidc-signing.p12"))).isTrue();
    }

    @Test
    void signedInAliceGetsACodeAndThePublicClientRedeemsItForAVerifiableIdToken() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        String location = location(browser.get(authorizePath(PUBLIC, Map.of())));
        Map<String, String> query = queryOf(location);
        assertThat(query).containsEntry("state", "xyz").containsEntry("iss", "https://localhost:8443");

        HttpResponse<String> response = token(redeem(query.get("code"), PUBLIC), Optional.empty());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(json.get("expires_in").asLong()).isEqualTo(3600);

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(idp.browser().get("/oidc/jwks").body()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(PUBLIC,
                new JWTClaimsSet.Builder().issuer(ISSUER.toString()).claim("nonce", "n-0S6").build(),
                java.util.Set.of("sub", "exp", "iat")) {
            @Override
            protected java.util.Date currentTime() {
                return java.util.Date.from(idp.clock.instant());
            }
        });
        JWTClaimsSet claims = processor.process(json.get("id_token").asText(), null);
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(claims.getJSONObjectClaim("https://aws.amazon.com/tags").get("principal_tags").toString())
                .contains("department=[engineering]", "team=[platform]");

        HttpResponse<String> userinfo = idp.browser().get("/oidc/userinfo",
                Map.of("Authorization", "Bearer " + json.get("access_token").asText()));
        assertThat(userinfo.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(userinfo.body()).get("sub").asText()).isEqualTo(claims.getSubject());
    }

    @Test
    void notSignedInGoesToLoginAndBackThenGetsTheCode() throws Exception {
        Browser browser = idp.browser();
        String authorize = authorizePath(PUBLIC, Map.of());
        String login = location(browser.get(authorize));
        assertThat(login).isEqualTo("/login?next=" + URLEncoder.encode(authorize, StandardCharsets.UTF_8));
        String csrf = Browser.csrf(browser.get(login).body());
        String back = location(browser.post("/login", form("username", "alice", "password", "wonderland",
                "csrf", csrf, "next", authorize)));
        assertThat(back).isEqualTo(authorize);
        assertThat(location(browser.get(back))).startsWith(REDIRECT + "?code=");
    }

    @Test
    void confidentialClientRedeemsWithBasicAndIsRefusedWithAWrongSecret() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        Map<String, String> body = redeem(codeFor(browser, CONFIDENTIAL), CONFIDENTIAL);
        body.remove("client_id");
        String wrong = Base64.getEncoder().encodeToString((CONFIDENTIAL + ":guess").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refused = token(body, Optional.of("Basic " + wrong));
        assertOAuthError(refused, 401, "invalid_client", "client authentication failed: wrong or missing client secret");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"stsbridge\", charset=\"UTF-8\"");

        Map<String, String> again = redeem(codeFor(browser, CONFIDENTIAL), CONFIDENTIAL);
        again.remove("client_id");
        String right = Base64.getEncoder().encodeToString((CONFIDENTIAL + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(token(again, Optional.of("Basic " + right)).statusCode()).isEqualTo(200);
    }

    @Test
    void secondRedemptionOfACodeIsInvalidGrant() throws Exception {
        String code = codeFor(idp.browser().signedIn("alice", "wonderland"), PUBLIC);
        assertThat(token(redeem(code, PUBLIC), Optional.empty()).statusCode()).isEqualTo(200);
        assertOAuthError(token(redeem(code, PUBLIC), Optional.empty()), 400, "invalid_grant",
                "the authorization code was already used");
    }

    @Test
    void tokenRequestThatIsNotAFormIsInvalidRequest() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(idp.server.baseUrl().resolve("/oidc/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertOAuthError(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()), 400,
                "invalid_request", "the token request must be application/x-www-form-urlencoded");
    }

    @Test
    void unknownClientIsA400PageAndNoRedirect() throws Exception {
        HttpResponse<String> response = idp.browser().get(authorizePath("intruder", Map.of()));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("Unknown client_id &quot;intruder&quot;.");
    }

    @Test
    void unregisteredRedirectUriIsA400PageAndNoRedirect() throws Exception {
        HttpResponse<String> response = idp.browser().get(authorizePath(PUBLIC,
                Map.of("redirect_uri", "http://127.0.0.1:4711/callback.evil.test")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("is not registered for client stsbridge-demo.");
    }

    @Test
    void responseTypeTokenGoesBackToTheClientAsAnError() throws Exception {
        Map<String, String> query = queryOf(location(idp.browser().get(authorizePath(PUBLIC,
                Map.of("response_type", "token")))));
        assertThat(query).containsEntry("error", "unsupported_response_type")
                .containsEntry("error_description", "only response_type=code is supported")
                .containsEntry("state", "xyz");
    }

    @Test
    void plainPkceGoesBackToTheClientAsAnError() throws Exception {
        Map<String, String> query = queryOf(location(idp.browser().signedIn("alice", "wonderland")
                .get(authorizePath(PUBLIC, Map.of("code_challenge_method", "plain")))));
        assertThat(query).containsEntry("error", "invalid_request")
                .containsEntry("error_description", "code_challenge_method must be S256 (plain is not allowed)");
    }

    @Test
    void promptNoneWithoutASessionIsLoginRequiredAtTheRedirectUri() throws Exception {
        String location = location(idp.browser().get(authorizePath(PUBLIC, Map.of("prompt", "none"))));
        assertThat(location).startsWith(REDIRECT + "?");
        assertThat(queryOf(location)).containsEntry("error", "login_required")
                .containsEntry("error_description", "the person is not signed in at the IdP")
                .containsEntry("state", "xyz");
    }

    @Test
    void promptNoneWithASessionGivesTheCodeSilently() throws Exception {
        String location = location(idp.browser().signedIn("alice", "wonderland")
                .get(authorizePath(PUBLIC, Map.of("prompt", "none"))));
        assertThat(location).startsWith(REDIRECT + "?code=");
    }

    @Test
    void promptLoginAsksForThePasswordAgainAndReturnsWithoutPrompt() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        String login = location(browser.get(authorizePath(PUBLIC, Map.of("prompt", "login"))));
        assertThat(login).isEqualTo("/login?next=" + URLEncoder.encode(authorizePath(PUBLIC, Map.of()),
                StandardCharsets.UTF_8));
        assertThat(browser.get(login).statusCode()).isEqualTo(200);
    }

    @Test
    void clientThatRequiresMfaSendsAliceToTheSecondFactor() throws Exception {
        String location = location(idp.browser().signedIn("alice", "wonderland").get(authorizePath(MFA_CLIENT,
                Map.of())));
        assertThat(location).isEqualTo("/mfa");
    }

    @Test
    void userinfoWithoutAValidTokenIs401() throws Exception {
        HttpResponse<String> response = idp.browser().get("/oidc/userinfo", Map.of("Authorization", "Bearer nope"));
        assertOAuthError(response, 401, "invalid_token", "the access token is missing, invalid or expired");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void afterOurOwnFormTheCodeGoesBackByARefreshPageBecauseFormActionWouldBlockARedirect() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        HttpResponse<String> response = browser.get(authorizePath(PUBLIC, Map.of()),
                Map.of("Sec-Fetch-Site", "same-origin"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        String href = Browser.unescape(response.body().replaceAll("(?s).*<a id=\"continue\" href=\"([^\"]+)\".*", "$1"));
        assertThat(href).startsWith(REDIRECT + "?code=").contains("&state=xyz");
        String refresh = Browser.unescape(response.body().replaceAll(
                "(?s).*<meta http-equiv=\"refresh\" content=\"([^\"]+)\".*", "$1"));
        assertThat(refresh).isEqualTo("0;url=" + href);
    }

    @Test
    void repeatedParameterIsA400PageAndNoRedirect() throws Exception {
        HttpResponse<String> response = idp.browser().get(authorizePath(PUBLIC, Map.of())
                + "&redirect_uri=" + URLEncoder.encode("http://127.0.0.1:1/callback", StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(Browser.unescape(response.body())).contains("The request repeats the parameter redirect_uri "
                + "(RFC 6749 §3.1).");
    }

    @Test
    void requestTooLongToResumeAfterLoginGoesBackAsInvalidRequestRatherThanLosingIt() throws Exception {
        Map<String, String> query = queryOf(location(idp.browser().get(authorizePath(PUBLIC,
                Map.of("state", "s".repeat(900))))));
        assertThat(query).containsEntry("error", "invalid_request").containsEntry("error_description",
                "the authorization request is too long to resume after sign-in (at most 1024 characters)");
    }

    @Test
    void promptNoneForAClientThatNeedsMfaIsInteractionRequired() throws Exception {
        Map<String, String> query = queryOf(location(idp.browser().signedIn("alice", "wonderland")
                .get(authorizePath(MFA_CLIENT, Map.of("prompt", "none")))));
        assertThat(query).containsEntry("error", "interaction_required")
                .containsEntry("error_description", "client needs-mfa requires a second factor");
    }
}
