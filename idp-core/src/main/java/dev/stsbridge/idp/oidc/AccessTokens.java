package dev.stsbridge.idp.oidc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque bearer access tokens (256 random bits) for {@code /oidc/userinfo}, kept in memory by their SHA-256 with the
 * grant they came from and the code that produced them, so that a replayed code revokes its token (RFC 6749
 * §4.1.2). Single-node, like the in-memory code store; tokens end with the process.
 */
public final class AccessTokens {

    private record Issued(AuthorizationGrant grant, String codeKey, Instant expiresAt) {
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecureRandom random;

    public AccessTokens(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new token for this redeemed code. */
    String issue(String codeKey, AuthorizationGrant grant, Duration lifetime) {
        Instant now = clock.instant();
        tokens.values().removeIf(issued -> !issued.expiresAt().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(TokenService.key(token), new Issued(grant, codeKey, now.plus(lifetime)));
        return token;
    }

    /** Revokes whatever the code with this key produced. */
    void revokeIssuedFor(String codeKey) {
        tokens.values().removeIf(issued -> issued.codeKey().equals(codeKey));
    }

    /** The grant behind a token that is known and not expired. */
    public Optional<AuthorizationGrant> find(String token) {
        Issued issued = tokens.get(TokenService.key(token));
        if (issued == null || !issued.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(issued.grant());
    }
}
