package dev.stsbridge.idp.web.sp;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.idp.web.http.HttpError;

/**
 * AuthnRequest IDs already answered, per SP, until they could no longer pass the freshness check anyway. Bounded:
 * expired entries are dropped when the cache grows, and beyond {@value #MAX_ENTRIES} live entries new requests are
 * refused (503) rather than forgetting IDs that could still be replayed.
 */
final class ReplayCache {

    static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    ReplayCache(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the first use of {@code requestId} from {@code issuer}, remembered until {@code expiry}.
     *
     * @throws HttpError 400 when the ID was seen before (and has not expired)
     */
    void firstUse(String issuer, String requestId, Instant expiry) {
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
            throw HttpError.badRequest("The AuthnRequest ID " + requestId + " was already used (a replayed request).");
        }
        if (previous != null) {
            seen.put(key, expiry);
        }
    }
}
