package dev.stsbridge.idp.web.sp;

import java.time.Instant;

import dev.stsbridge.idp.web.http.HttpError;

/**
 * Request IDs already answered (AuthnRequests, LogoutRequests), per SP, until they could no longer pass the
 * freshness check anyway: one node's in memory ({@link InMemoryReplayCache}), or every node's in the shared database
 * ({@code dev.stsbridge.idp.web.state.PostgresReplayCache}), so that a request answered by one node is refused by
 * all the others.
 */
public interface ReplayCache {

    /**
     * Records the first use of {@code requestId} from {@code issuer}, remembered until {@code expiry}.
     *
     * @param what the kind of message, named in the refusal ({@code AuthnRequest}, {@code LogoutRequest})
     * @throws HttpError 400 when the ID was seen before (and has not expired)
     */
    void firstUse(String issuer, String requestId, Instant expiry, String what);

    /** {@link #firstUse(String, String, Instant, String)} for an AuthnRequest. */
    default void firstUse(String issuer, String requestId, Instant expiry) {
        firstUse(issuer, requestId, expiry, "AuthnRequest");
    }

    /** The refusal of a replayed request (the same words on every node). */
    static HttpError replayed(String what, String requestId) {
        return HttpError.badRequest("The " + what + " ID " + requestId + " was already used (a replayed request).");
    }
}
