package dev.stsbridge.idp.oidc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A successful token response (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3).
 *
 * @param idToken the signed ID token
 * @param accessToken an opaque bearer token (256 random bits)
 * @param expiresIn the ID token's and access token's lifetime in seconds
 * @param scope the granted scopes, space-separated
 */
public record TokenResponse(String idToken, String accessToken, long expiresIn, String scope) {
    public TokenResponse {
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(scope, "scope");
    }

    /** The JSON members, in the order of RFC 6749's examples. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken);
        json.put("token_type", "Bearer");
        json.put("expires_in", expiresIn);
        json.put("scope", scope);
        json.put("id_token", idToken);
        return json;
    }

    @Override
    public String toString() {
        return "TokenResponse[expires in " + expiresIn + " s]";
    }
}
