package dev.stsbridge.idp.oidc;

import java.time.Instant;
import java.util.Optional;

/**
 * Where access tokens for {@code /oidc/userinfo} are kept, by their SHA-256 ({@code tokenKey}; never the token
 * itself), with the grant they came from and the key of the code that produced them. {@link
 * InMemoryAccessTokenStore} is the single-node default; {@link PostgresAccessTokenStore} shares them between nodes.
 */
public interface AccessTokenStore {

    /**
     * Keeps a token until {@code expiresAt}.
     *
     * @return false, and nothing kept, when the code's tokens were revoked meanwhile (a replay of the code raced
     *         its redemption): the token is then unknown everywhere
     */
    boolean save(String tokenKey, String codeKey, AuthorizationGrant grant, Instant expiresAt);

    /** Revokes what the code with this key produced, and any token it would produce from now on. */
    void revokeIssuedFor(String codeKey);

    /** The grant behind a token that is known and not expired (on the store's clock). */
    Optional<AuthorizationGrant> find(String tokenKey);
}
