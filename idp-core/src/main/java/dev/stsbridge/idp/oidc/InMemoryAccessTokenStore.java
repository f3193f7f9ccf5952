package dev.stsbridge.idp.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node token store: a map from the token's SHA-256 to its grant; expired tokens are purged on each save.
 * Tokens end with the process.
 */
public final class InMemoryAccessTokenStore implements AccessTokenStore {

    private record Issued(AuthorizationGrant grant, String codeKey, Instant expiresAt) {
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryAccessTokenStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean save(String tokenKey, String codeKey, AuthorizationGrant grant, Instant expiresAt) {
        Instant now = clock.instant();
        tokens.values().removeIf(issued -> !issued.expiresAt().isAfter(now));
        tokens.put(tokenKey, new Issued(grant, codeKey, expiresAt));
        return true;
    }

    @Override
    public void revokeIssuedFor(String codeKey) {
        tokens.values().removeIf(issued -> issued.codeKey().equals(codeKey));
    }

    @Override
    public Optional<AuthorizationGrant> find(String tokenKey) {
        Issued issued = tokens.get(tokenKey);
        if (issued == null || !issued.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(issued.grant());
    }
}
