package dev.stsbridge.app.login;

import java.io.IOException;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.config.AwsPartition;

/**
 * A console sign-in URL for temporary credentials, as AWS's "custom identity broker" flow makes it: the federation
 * endpoint's {@code Action=getSigninToken} with the session (its key ID, secret and token as JSON), then
 * {@code Action=login&Issuer=&Destination=&SigninToken=}. The endpoint is the sign-in host's {@code /federation}
 * (the partition and region of the sign-in URL), or {@code <sts-endpoint>/federation} when the session came from
 * another STS (the verifier serves both).
 */
public final class ConsoleFederation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ConsoleFederation() {
    }

    /** The federation endpoint for a session signed in at this sign-in URL (through {@code stsEndpoint}, if set). */
    public static URI endpoint(URI signinUrl, Optional<URI> stsEndpoint) {
        if (stsEndpoint.isPresent()) {
            String base = stsEndpoint.get().toString();
            return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/federation");
        }
        return URI.create("https://" + signinUrl.getHost() + "/federation");
    }

    /** The console's start page in the sign-in URL's partition. */
    public static URI console(URI signinUrl) {
        return URI.create("https://" + AwsPartition.ofSigninUrl(signinUrl).orElse(AwsPartition.AWS).consoleHost()
                + "/");
    }

    /** The login URL: a sign-in token for these credentials, then {@code Action=login}. */
    public static URI loginUrl(URI federation, SessionCredentials credentials, URI issuer, URI destination) {
        String token = signinToken(federation, credentials);
        return URI.create(federation + "?Action=login&Issuer=" + encode(issuer.toString()) + "&Destination="
                + encode(destination.toString()) + "&SigninToken=" + encode(token));
    }

    private static String signinToken(URI federation, SessionCredentials credentials) {
        Map<String, String> session = new LinkedHashMap<>();
        session.put("sessionId", credentials.accessKeyId());
        session.put("sessionKey", credentials.secretAccessKey());
        session.put("sessionToken", credentials.sessionToken());
        URI request;
        try {
            request = URI.create(federation + "?Action=getSigninToken&Session="
                    + encode(JSON.writeValueAsString(session)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(HttpRequest.newBuilder(request)
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailure(LoginFailure.Kind.STS_REFUSED, "cannot reach " + federation + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure(LoginFailure.Kind.STS_REFUSED, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new LoginFailure(LoginFailure.Kind.STS_REFUSED, federation + " refused getSigninToken (HTTP "
                    + response.statusCode() + "): " + response.body().strip());
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            if (!json.hasNonNull("SigninToken")) {
                throw new LoginFailure(LoginFailure.Kind.STS_REFUSED, federation + " answered without a SigninToken");
            }
            return json.get("SigninToken").asText();
        } catch (JsonProcessingException e) {
            throw new LoginFailure(LoginFailure.Kind.STS_REFUSED, federation + " answered getSigninToken without "
                    + "JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
