package dev.stsbridge.app.login;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The IdP's two endpoints for command-line clients, over HTTP(S) with HTTP Basic: the role catalogue
 * ({@code GET /api/v1/roles}) and ECP ({@code POST /saml2/ecp}, through {@link EcpExchange}). A 401 is a wrong
 * password, a 429 a throttled one; anything else that is not a 200 is the IdP's refusal, shown with its message.
 */
public final class IdpClient {

    static final String CATALOGUE_PATH = "/api/v1/roles";
    /** The header that carries a TOTP code to the ECP endpoint (MFA). */
    static final String OTP_HEADER = "X-Stsbridge-OTP";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI idp;
    private final HttpClient http;

    /** @param idp the IdP's base URL ({@code https://sso.example.com}) */
    public IdpClient(URI idp) {
        String base = idp.toString();
        this.idp = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return idp;
    }

    /** The person's catalogue. */
    public RoleCatalogue catalogue(String user, char[] password) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(idp + CATALOGUE_PATH))
                .header("Accept", "application/json")
                .header("Authorization", basic(user, password)).GET());
        JsonNode json = json(response);
        if (response.statusCode() != 200) {
            throw refusal(response.statusCode(), json.path("error").path("message").asText("HTTP "
                    + response.statusCode()));
        }
        List<RoleCatalogue.Account> accounts = new ArrayList<>();
        for (JsonNode account : json.path("accounts")) {
            List<RoleCatalogue.Role> roles = new ArrayList<>();
            for (JsonNode role : account.path("roles")) {
                roles.add(new RoleCatalogue.Role(role.path("name").asText(), role.path("roleArn").asText(),
                        role.path("principalArn").asText(), role.hasNonNull("sessionDurationSeconds")
                                ? Optional.of(role.get("sessionDurationSeconds").asInt()) : Optional.empty()));
            }
            accounts.add(new RoleCatalogue.Account(account.path("id").asText(), account.path("name").asText(), roles));
        }
        return new RoleCatalogue(json.path("user").asText(user), URI.create(json.path("signinUrl").asText()),
                URI.create(json.path("ecpUrl").asText(idp + "/saml2/ecp")), accounts);
    }

    /** The signed SAML response for this role, over ECP (with a TOTP code when MFA asks for one). */
    public EcpExchange.Answer assertion(RoleCatalogue catalogue, RoleCatalogue.Choice choice, String user,
                                        char[] password, Optional<String> otp) {
        EcpExchange exchange = EcpExchange.forAws(catalogue.signinUrl());
        String query = "?account=" + encode(choice.account().id()) + "&role=" + encode(choice.role().name());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(catalogue.ecpUrl() + query))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Accept", "text/xml, application/vnd.paos+xml")
                .header("Authorization", basic(user, password))
                .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.envelope()));
        otp.ifPresent(code -> request.header(OTP_HEADER, code));
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw refusal(response.statusCode(), EcpExchange.faultString(response.body())
                    .orElse("HTTP " + response.statusCode()));
        }
        return exchange.read(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailure(LoginFailure.Kind.IDP_REFUSED, "cannot reach the IdP at " + idp + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure(LoginFailure.Kind.IDP_REFUSED, "interrupted", e);
        }
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LoginFailure(LoginFailure.Kind.IDP_REFUSED, idp + CATALOGUE_PATH + " answered HTTP "
                    + response.statusCode() + " without JSON: is " + idp + " an stsbridge IdP?", e);
        }
    }

    private static LoginFailure refusal(int status, String message) {
        return switch (status) {
            case 401 -> new LoginFailure(LoginFailure.Kind.WRONG_PASSWORD, message);
            default -> new LoginFailure(LoginFailure.Kind.IDP_REFUSED, "the IdP refused (HTTP " + status + "): "
                    + message);
        };
    }

    /** {@code Basic base64(user:password)}, without leaving the password in a String. */
    private static String basic(String user, char[] password) {
        char[] joined = new char[user.length() + 1 + password.length];
        user.getChars(0, user.length(), joined, 0);
        joined[user.length()] = ':';
        System.arraycopy(password, 0, joined, user.length() + 1, password.length);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(joined));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        Arrays.fill(joined, '\0');
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        String header = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        return header;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
