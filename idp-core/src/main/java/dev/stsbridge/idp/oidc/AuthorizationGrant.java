package dev.stsbridge.idp.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.sso.SignedInUser;

/**
 * What an authorization code stands for, as the code store keeps it: who signed in, for which client and redirect
 * URI, with which PKCE challenge and nonce, until when.
 *
 * @param clientId the client the code was issued to
 * @param redirectUri the redirect URI of the authorization request (the token request must repeat it)
 * @param codeChallenge the PKCE S256 challenge
 * @param nonce copied into the ID token
 * @param scopes the granted scopes
 * @param person the signed-in person
 * @param expiresAt the code is refused from this instant on
 */
public record AuthorizationGrant(String clientId, String redirectUri, String codeChallenge, Optional<String> nonce,
                                 List<String> scopes, SignedInUser person, Instant expiresAt) {
    public AuthorizationGrant {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(nonce, "nonce");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "AuthorizationGrant[" + person.username() + " -> " + clientId + ", until " + expiresAt + "]";
    }
}
