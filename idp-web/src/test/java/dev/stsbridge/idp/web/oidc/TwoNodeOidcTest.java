package dev.stsbridge.idp.web.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

import dev.stsbridge.idp.config.OidcClientConfig;
import dev.stsbridge.idp.config.PostgresConfig;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.state.Database;
import dev.stsbridge.idp.state.PostgresServer;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;

/**
 * The OpenID Connect endpoints of two IdP nodes on one real PostgreSQL, over real HTTP, as behind a load balancer:
 * the browser signs in and is authorized at node A, the client redeems the code and asks for userinfo at node B.
 */
class TwoNodeOidcTest {

    private static final URI ISSUER = URI.create("https://localhost:8443");
    private static final String CLIENT = "stsbridge-demo";
    private static final String REDIRECT = "http://127.0.0.1:4711/callback";
    private static final String VERIFIER = "verifier-of-the-two-node-test-verifier-of-the-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static PostgresServer postgres;
    private static Database poolA;
    private static Database poolB;
    private static TestIdp nodeA;
    private static TestIdp nodeB;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        PostgresConfig config = new PostgresConfig(postgres.createDatabase("idp"), postgres.user(),
                SecretRef.fromEnv("DB_PASSWORD"), 4, false);
        poolA = Database.open(config, Map.of("DB_PASSWORD", postgres.password()));
        poolB = Database.open(config, Map.of("DB_PASSWORD", postgres.password()));
        List<OidcClientConfig> clients = List.of(new OidcClientConfig(CLIENT,
                List.of(URI.create("http://127.0.0.1/callback")), Optional.empty(), false));
        java.util.function.UnaryOperator<StsbridgeConfig> oidc = c -> c.withOidc(StsbridgeConfig.demo().oidc()
                .withIssuer(ISSUER).withClients(clients));
        nodeA = TestIdp.node(dataDir, oidc, poolA.dataSource(), Duration.ZERO);
        nodeB = TestIdp.node(dataDir, oidc, poolB.dataSource(), Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        poolA.close();
        poolB.close();
        postgres.close();
    }

    private static String codeFromNodeA() throws Exception {
        Browser browser = nodeA.browser().signedIn("alice", "wonderland");
        String query = "client_id=" + CLIENT + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&response_type=code&scope=openid%20email&state=s-1&nonce=n-1&code_challenge_method=S256"
                + "&code_challenge=" + OidcEndpointsTest.challenge(VERIFIER);
        HttpResponse<String> authorized = browser.get("/oidc/authorize?" + query);
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(303);
        String location = authorized.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=");
        String code = location.substring((REDIRECT + "?code=").length()).split("&", 2)[0];
        return URLDecoder.decode(code, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> redeemAt(TestIdp node, String code) throws Exception {
        String body = "grant_type=authorization_code&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier="
                + VERIFIER + "&client_id=" + CLIENT;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.server.baseUrl().resolve("/oidc/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> userinfoAt(TestIdp node, String accessToken) {
        return node.browser().get("/oidc/userinfo", Map.of("Authorization", "Bearer " + accessToken));
    }

    @Test
    void aCodeFromNodeAIsRedeemedAtNodeBWhoseUserinfoKnowsTheToken() throws Exception {
        HttpResponse<String> tokens = redeemAt(nodeB, codeFromNodeA());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String accessToken = JSON.readTree(tokens.body()).get("access_token").asText();

        HttpResponse<String> userinfo = userinfoAt(nodeB, accessToken);
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        assertThat(JSON.readTree(userinfo.body()).get("preferred_username").asText()).isEqualTo("alice");
        assertThat(userinfoAt(nodeA, accessToken).statusCode()).isEqualTo(200);
    }

    @Test
    void aCodeRedeemedAtNodeBAndReplayedAtNodeAIsInvalidGrantAndItsAccessTokenDiesOnBothNodes() throws Exception {
        String code = codeFromNodeA();
        HttpResponse<String> first = redeemAt(nodeB, code);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String accessToken = JSON.readTree(first.body()).get("access_token").asText();

        HttpResponse<String> replay = redeemAt(nodeA, code);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(replay.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.get("error_description").asText()).isEqualTo("the authorization code was already used");
        assertThat(userinfoAt(nodeB, accessToken).statusCode()).isEqualTo(401);
        assertThat(userinfoAt(nodeA, accessToken).statusCode()).isEqualTo(401);
    }
}
