package dev.stsbridge.tests.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;

import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.RunningDemo;

/**
 * The authorization-code flow in Debian's headless Chromium against the demo's HTTPS OpenID Connect issuer: alice
 * signs in on the IdP's login page, the code arrives at a loopback redirect listener this test runs, the test
 * redeems it with its PKCE verifier, and checks the ID token independently: Nimbus's JWT processor with the JWKS
 * fetched over HTTPS from the discovery document's {@code jwks_uri}, trusting only the demo's certificate.
 */
class OidcBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "stsbridge-demo";

    @TempDir
    static Path work;

    private static RunningDemo demo;
    private static Chromium chromium;
    private static HttpServer callback;
    private static final CompletableFuture<String> CALLBACK_QUERY = new CompletableFuture<>();

    @BeforeAll
    static void start() throws Exception {
        demo = RunningDemo.start(work.resolve("data"));
        X509Certificate certificate = demo.demo().oidcCertificate();
        String spki = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(certificate.getPublicKey().getEncoded()));
        chromium = Chromium.start(work, List.of("--ignore-certificate-errors-spki-list=" + spki));
        callback = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        callback.createContext("/callback", exchange -> {
            CALLBACK_QUERY.complete(exchange.getRequestURI().getRawQuery());
            byte[] body = "signed in; you may close this page".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        callback.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (callback != null) {
                callback.stop(0);
            }
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    /** Trusts exactly the demo's self-signed certificate. */
    private static SSLContext trustingTheDemo() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("oidc", demo.demo().oidcCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    @Test
    void aliceSignsInInChromiumAndTheCodeBecomesAnIdTokenThatVerifiesAgainstTheJwksOverHttps() throws Exception {
        URI issuer = demo.demo().oidcIssuer();
        HttpClient https = HttpClient.newBuilder().sslContext(trustingTheDemo()).connectTimeout(Duration.ofSeconds(5))
                .build();
        JsonNode discovery = JSON.readTree(https.send(HttpRequest.newBuilder(
                issuer.resolve("/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(discovery.get("issuer").asText()).isEqualTo(issuer.toString());

        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String redirect = "http://127.0.0.1:" + callback.getAddress().getPort() + "/callback";
        String authorize = discovery.get("authorization_endpoint").asText() + "?" + form(Map.of(
                "client_id", CLIENT, "redirect_uri", redirect, "response_type", "code", "scope", "openid email",
                "state", "state-42", "nonce", "nonce-42", "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));

        chromium.driver().get(authorize);
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("login-form"))
                .isEmpty() || !d.findElements(By.id("username")).isEmpty());
        chromium.driver().findElement(By.id("username")).sendKeys("alice");
        chromium.driver().findElement(By.id("password")).sendKeys("wonderland");
        chromium.driver().findElement(By.id("login-submit")).click();
        Map<String, String> answer = query(CALLBACK_QUERY.get(30, TimeUnit.SECONDS));
        assertThat(answer).containsEntry("state", "state-42").containsEntry("iss", issuer.toString())
                .containsKey("code");

        HttpResponse<String> token = https.send(HttpRequest.newBuilder(URI.create(discovery.get("token_endpoint")
                        .asText())).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", answer.get("code"), "redirect_uri", redirect, "code_verifier", verifier,
                        "client_id", CLIENT)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String idToken = JSON.readTree(token.body()).get("id_token").asText();

        JWTClaimsSet claims = verified(idToken, discovery.get("jwks_uri").asText(), issuer);
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-42");
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) claims.getJSONObjectClaim("https://aws.amazon.com/tags")
                .get("principal_tags");
        assertThat(tags).containsEntry("department", List.of("engineering")).containsEntry("team", List.of("platform"));
        assertThat(claims.getStringListClaim("https://stsbridge.dev/claims/aws_roles")).contains(
                "arn:aws:iam::111122223333:role/Admin");
    }

    /** A relying party's check: RS256 only, keys from jwks_uri over HTTPS, iss, aud, exp, iat, sub required. */
    private static JWTClaimsSet verified(String idToken, String jwksUri, URI issuer) throws Exception {
        SSLContext tls = trustingTheDemo();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(5_000, 5_000, 0, true,
                tls.getSocketFactory());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(new URL(jwksUri), retriever).retrying(false).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(CLIENT,
                new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("sub", "exp", "iat", "nbf")));
        return processor.process(idToken, null);
    }
}
