package dev.stsbridge.idp.web.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.oidc.OAuthError;
import dev.stsbridge.idp.web.http.Exchange;

/** The OAuth wire formats: JSON bodies and redirects back to the client with query parameters. */
final class OAuthResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthResponses() {
    }

    static void json(Exchange exchange, int status, Map<String, ?> body) {
        try {
            exchange.send(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** RFC 6749 §5.2: {@code {"error": ..., "error_description": ...}}, never cached. */
    static void error(Exchange exchange, OAuthError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("error_description", error.description());
        exchange.noStore();
        json(exchange, error.httpStatus(), body);
    }

    /** {@code redirectUri} with these parameters added to its query (RFC 6749 §4.1.2, RFC 9207's {@code iss}). */
    static String redirect(String redirectUri, Map<String, Optional<String>> parameters) {
        StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        boolean first = true;
        for (Map.Entry<String, Optional<String>> p : parameters.entrySet()) {
            if (p.getValue().isEmpty()) {
                continue;
            }
            url.append(first ? "" : "&").append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue().get(), StandardCharsets.UTF_8));
            first = false;
        }
        return url.toString();
    }

    /** The error redirect of RFC 6749 §4.1.2.1. */
    static String errorRedirect(String redirectUri, OAuthError error, Optional<String> state, String issuer) {
        Map<String, Optional<String>> parameters = new LinkedHashMap<>();
        parameters.put("error", Optional.of(error.error()));
        parameters.put("error_description", Optional.of(error.description()));
        parameters.put("state", state);
        parameters.put("iss", Optional.of(issuer));
        return redirect(redirectUri, parameters);
    }
}
