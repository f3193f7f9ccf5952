package dev.stsbridge.app.token;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The authorization code flow of a public native client (RFC 8252, PKCE S256 per RFC 7636):
 * <pre>{@code
 * discovery        = GET <issuer>/.well-known/openid-configuration   (its "issuer" must be <issuer>)
 * callback         = listen on http://127.0.0.1:<free port>/callback
 * browser.accept(authorization_endpoint?response_type=code&client_id&redirect_uri&scope=openid&state&nonce
 *                 &code_challenge&code_challenge_method=S256)
 * response         = the redirect to the callback: an error, or a code with our state (and iss, when sent)
 * token            = POST token_endpoint (code, redirect_uri, code_verifier, client_id)
 * IdTokenCheck     = the id_token against jwks_uri, iss, aud, nonce, exp
 * }</pre>
 * Everything to the issuer goes over HTTPS with {@link IssuerTrust}.
 */
public final class AuthorizationCodeFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final URI issuer;
    private final String clientId;
    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> prompt;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param issuer the issuer, exactly as its tokens' {@code iss} ({@code https://localhost:8443})
     * @param timeout how long to wait for the person to sign in
     */
    public AuthorizationCodeFlow(URI issuer, String clientId, IssuerTrust trust, Duration timeout) {
        this(issuer, clientId, trust, timeout, Optional.empty());
    }

    /** @param prompt OpenID Connect's {@code prompt}: {@code login} signs in again even with an IdP session */
    public AuthorizationCodeFlow(URI issuer, String clientId, IssuerTrust trust, Duration timeout,
                                 Optional<String> prompt) {
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        if (!"https".equals(issuer.getScheme())) {
            throw new TokenFailure("the issuer must be an https URL, not " + issuer);
        }
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.http = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Signs in through {@code browser} (given the authorization URL to open) and returns the checked ID token. */
    public String signIn(Consumer<URI> browser) {
        JsonNode discovery = getJson(URI.create(issuer.toString().replaceAll("/$", "")
                + "/.well-known/openid-configuration"));
        if (!issuer.toString().equals(discovery.path("issuer").asText())) {
            throw new TokenFailure("the discovery document names the issuer " + discovery.path("issuer").asText()
                    + ", not " + issuer);
        }
        String state = randomValue();
        String nonce = randomValue();
        String verifier = randomValue();
        try (LoopbackCallback callback = LoopbackCallback.start()) {
            Map<String, String> request = new LinkedHashMap<>();
            request.put("response_type", "code");
            request.put("client_id", clientId);
            request.put("redirect_uri", callback.redirectUri().toString());
            request.put("scope", "openid email");
            request.put("state", state);
            request.put("nonce", nonce);
            request.put("code_challenge", challenge(verifier));
            request.put("code_challenge_method", "S256");
            prompt.ifPresent(p -> request.put("prompt", p));
            browser.accept(URI.create(endpoint(discovery, "authorization_endpoint") + "?" + form(request)));
            String code = code(callback.await(timeout), state);
            String idToken = redeem(endpoint(discovery, "token_endpoint"), code, callback.redirectUri(), verifier);
            IdTokenCheck.check(idToken, jwks(endpoint(discovery, "jwks_uri")), issuer, clientId, nonce);
            return idToken;
        }
    }

    /** The code of an authorization response that carries our state (and our issuer, when it names one). */
    String code(Map<String, String> response, String state) {
        if (response.containsKey("error")) {
            throw new TokenFailure("the IdP refused: " + response.get("error")
                    + (response.containsKey("error_description") ? ": " + response.get("error_description") : ""));
        }
        byte[] got = response.getOrDefault("state", "").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(got, state.getBytes(StandardCharsets.UTF_8))) {
            throw new TokenFailure("the redirect's state is not the one sent: not the answer to this sign-in");
        }
        if (response.containsKey("iss") && !issuer.toString().equals(response.get("iss"))) {
            throw new TokenFailure("the redirect comes from the issuer " + response.get("iss") + ", not " + issuer);
        }
        String code = response.getOrDefault("code", "");
        if (code.isEmpty()) {
            throw new TokenFailure("the redirect carries no code");
        }
        return code;
    }

    private String redeem(URI tokenEndpoint, String code, URI redirectUri, String verifier) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", redirectUri.toString());
        fields.put("code_verifier", verifier);
        fields.put("client_id", clientId);
        HttpResponse<String> response = send(HttpRequest.newBuilder(tokenEndpoint).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
        JsonNode body = parse(response, tokenEndpoint);
        if (response.statusCode() != 200) {
            throw new TokenFailure("the token endpoint refused the code: " + body.path("error").asText()
                    + ": " + body.path("error_description").asText());
        }
        String idToken = body.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw new TokenFailure("the token endpoint answered no id_token");
        }
        return idToken;
    }

    private JWKSet jwks(URI uri) {
        try {
            return JWKSet.parse(getJson(uri).toString());
        } catch (ParseException e) {
            throw new TokenFailure("the issuer's JWKS at " + uri + " cannot be read: " + e.getMessage(), e);
        }
    }

    private JsonNode getJson(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build());
        if (response.statusCode() != 200) {
            throw new TokenFailure(uri + " answered HTTP " + response.statusCode());
        }
        return parse(response, uri);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenFailure("cannot reach " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenFailure("interrupted while calling " + request.uri(), e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response, URI uri) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TokenFailure(uri + " answered no JSON (HTTP " + response.statusCode() + ")", e);
        }
    }

    /** An https endpoint of the discovery document. */
    private static URI endpoint(JsonNode discovery, String name) {
        URI uri = URI.create(discovery.path(name).asText(""));
        if (!"https".equals(uri.getScheme())) {
            throw new TokenFailure("the discovery document's " + name + " is not an https URL: " + uri);
        }
        return uri;
    }

    /** 32 random bytes, base64url: a state, a nonce or a PKCE code verifier (43 characters). */
    private String randomValue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
