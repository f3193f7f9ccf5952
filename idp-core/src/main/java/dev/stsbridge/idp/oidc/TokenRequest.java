package dev.stsbridge.idp.oidc;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code POST /oidc/token} as the web layer read it.
 *
 * @param grantType {@code grant_type}
 * @param code {@code code}
 * @param redirectUri {@code redirect_uri}
 * @param codeVerifier {@code code_verifier}
 * @param formClientId {@code client_id} of the form
 * @param formClientSecret {@code client_secret} of the form (client_secret_post)
 * @param basic the {@code Authorization: Basic} client id and secret (client_secret_basic), already URL-decoded
 */
public record TokenRequest(Optional<String> grantType, Optional<String> code, Optional<String> redirectUri,
                           Optional<String> codeVerifier, Optional<String> formClientId,
                           Optional<String> formClientSecret, Optional<BasicClient> basic) {

    public TokenRequest {
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(formClientId, "formClientId");
        Objects.requireNonNull(formClientSecret, "formClientSecret");
        Objects.requireNonNull(basic, "basic");
    }

    /** The client id and secret of an {@code Authorization: Basic} header (RFC 6749 §2.3.1). */
    public record BasicClient(String clientId, String secret) {
        public BasicClient {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "BasicClient[" + clientId + "]";
        }
    }
}
