package dev.stsbridge.idp.web.sp;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.idp.web.http.HttpError;

/**
 * The single-node {@link ReplayCache}: AuthnRequest IDs already answered, per SP, in memory. Bounded:
 * expired entries are dropped when the cache grows, and beyond {@value #MAX_ENTRIES} live entries new requests are
 * refused (503) rather than forgetting IDs that could still be replayed.
 */
public final class InMemoryReplayCache implements ReplayCache {

    static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    public InMemoryReplayCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void firstUse(String issuer, String requestId, Instant expiry, String what) {
        Instant now = clock.instant();
        if (seen.size() >= MAX_ENTRIES / 2) {
            seen.values().removeIf(until -> !now.isBefore(until));
        }
        if (seen.size() >= MAX_ENTRIES) {
            throw new HttpError(503, "Busy", "Too many sign-in requests right now; try again in a few minutes.");
        }
        String key = issuer.length() + ":" + issuer + requestId;
        Instant previous = seen.putIfAbsent(key, expiry);
        if (previous != null && now.isBefore(previous)) {
            throw ReplayCache.replayed(what, requestId);
        }
        if (previous != null) {
            seen.put(key, expiry);
        }
    }
}
