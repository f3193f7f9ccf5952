package dev.stsbridge.idp.oidc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization request that passed every check of {@link AuthorizationRequests}: only that class makes one.
 *
 * @param client the registered client
 * @param redirectUri the redirect URI as sent (one the client registered)
 * @param scopes the requested scopes (contains {@code openid})
 * @param state the client's {@code state}, returned as it came
 * @param nonce the client's {@code nonce}, copied into the ID token
 * @param codeChallenge the PKCE S256 challenge
 * @param prompt {@code login}, {@code none} or empty
 */
public record AuthorizationRequest(OidcClient client, String redirectUri, List<String> scopes, Optional<String> state,
                                   Optional<String> nonce, String codeChallenge, Optional<String> prompt) {
    public AuthorizationRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(prompt, "prompt");
    }

    public boolean promptNone() {
        return prompt.filter("none"::equals).isPresent();
    }

    public boolean promptLogin() {
        return prompt.filter("login"::equals).isPresent();
    }
}
