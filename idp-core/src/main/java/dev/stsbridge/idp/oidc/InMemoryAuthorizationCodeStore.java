package dev.stsbridge.idp.oidc;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node code store: a map from the code's SHA-256 to its grant and whether it was redeemed. Entries are
 * kept {@value #REMEMBER_MINUTES} minutes past their expiry (so that a late replay is still recognised as one) and
 * purged on each save.
 */
public final class InMemoryAuthorizationCodeStore implements AuthorizationCodeStore {

    static final long REMEMBER_MINUTES = 10;
    private static final int MAX_CODES = 100_000;

    private record Entry(AuthorizationGrant grant, boolean redeemed) {
    }

    private final Map<String, Entry> codes = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryAuthorizationCodeStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(String key, AuthorizationGrant grant) {
        purge();
        if (codes.size() >= MAX_CODES) {
            throw new IllegalStateException("too many outstanding authorization codes (" + MAX_CODES + ")");
        }
        codes.put(key, new Entry(grant, false));
    }

    @Override
    public Redemption redeem(String key) {
        Redemption[] answer = {new Redemption.Unknown()};
        codes.computeIfPresent(key, (k, entry) -> {
            answer[0] = entry.redeemed() ? new Redemption.Replayed(entry.grant()) : new Redemption.First(entry.grant());
            return new Entry(entry.grant(), true);
        });
        return answer[0];
    }

    /** How many codes are remembered (for tests and metrics). */
    public int size() {
        return codes.size();
    }

    private void purge() {
        java.time.Instant forgetBefore = clock.instant().minus(Duration.ofMinutes(REMEMBER_MINUTES));
        codes.values().removeIf(entry -> entry.grant().expiresAt().isBefore(forgetBefore));
    }
}
