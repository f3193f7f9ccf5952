package dev.stsbridge.idp.web.sp;

import java.time.Instant;

import dev.stsbridge.idp.web.http.HttpError;

/**
 * AuthnRequest IDs already answered, per SP, until they could no longer pass the freshness check anyway: one node's
 * in memory ({@link InMemoryReplayCache}), or every node's in the shared database
 * ({@code dev.stsbridge.idp.web.state.PostgresReplayCache}), so that a request answered by one node is refused by
 * all the others.
 */
public interface ReplayCache {

    /**
     * Records the first use of {@code requestId} from {@code issuer}, remembered until {@code expiry}.
     *
     * @throws HttpError 400 when the ID was seen before (and has not expired)
     */
    void firstUse(String issuer, String requestId, Instant expiry);

    /** The refusal of a replayed request (the same words on every node). */
    static HttpError replayed(String requestId) {
        return HttpError.badRequest("The AuthnRequest ID " + requestId + " was already used (a replayed request).");
    }
}
