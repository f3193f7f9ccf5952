package dev.stsbridge.verifier.webidentity;

import com.nimbusds.jose.jwk.JWKSet;

/** Where the keys of one identity provider come from: its JWKS over HTTPS, or the verifier's own (Cognito). */
@FunctionalInterface
public interface KeySource {

    /**
     * The provider's public keys.
     *
     * @param refresh fetch again rather than answer from a cache (a token named a key the cached set lacks); a source
     *                may still answer from its cache when it fetched very recently
     * @throws dev.stsbridge.verifier.AwsException {@code IDPCommunicationError} or {@code InvalidIdentityToken}
     */
    JWKSet keys(boolean refresh);
}
