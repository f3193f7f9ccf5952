package dev.stsbridge.idp.oidc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opaque bearer access tokens (256 random bits) for {@code /oidc/userinfo}, kept in an {@link AccessTokenStore} by
 * their SHA-256 with the grant they came from and the code that produced them, so that a replayed code revokes its
 * token (RFC 6749 §4.1.2).
 */
public final class AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

    private final AccessTokenStore store;
    private final Clock clock;
    private final SecureRandom random;

    public AccessTokens(AccessTokenStore store, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A new token for this redeemed code. When a replay of the code (on another node, at the same moment) revoked
     * the code's tokens before this one could be kept, the token is born revoked: the token response still goes to
     * the one request that redeemed the code, but its access token is refused everywhere, as the replay demands.
     */
    String issue(String codeKey, AuthorizationGrant grant, Duration lifetime) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!store.save(TokenService.key(token), codeKey, grant, clock.instant().plus(lifetime))) {
            LOG.warn("the authorization code of {} for client {} was replayed while it was redeemed: its access "
                    + "token is issued revoked", grant.person().username(), grant.clientId());
        }
        return token;
    }

    /** Revokes whatever the code with this key produced. */
    void revokeIssuedFor(String codeKey) {
        store.revokeIssuedFor(codeKey);
    }

    /** The grant behind a token that is known and not expired. */
    public Optional<AuthorizationGrant> find(String token) {
        return store.find(TokenService.key(token));
    }
}
