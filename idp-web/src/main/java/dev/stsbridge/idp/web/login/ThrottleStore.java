package dev.stsbridge.idp.web.login;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@link LoginThrottle} keeps failure records, by scope ({@code login-user}, {@code login-address},
 * {@code mfa-user}, {@code mfa-address}) and key (a lower-case username or a client address): one node's in memory
 * ({@link InMemoryThrottleStore}), or every node's in the shared database
 * ({@code dev.stsbridge.idp.web.state.PostgresThrottleStore}), so that guesses spread over several nodes count as
 * one stream. {@link #update} is atomic per scope and key.
 */
public interface ThrottleStore {

    /**
     * One name's or address's failures.
     *
     * @param failures failed attempts counted
     * @param lastFailure the latest
     * @param blockedUntil no attempt before this
     * @param locked whether the block is a lock (not a growing delay)
     * @param expires from when the record is forgotten and may be deleted
     */
    record Entry(int failures, Instant lastFailure, Instant blockedUntil, boolean locked, Instant expires) {
        public Entry {
            Objects.requireNonNull(lastFailure, "lastFailure");
            Objects.requireNonNull(blockedUntil, "blockedUntil");
            Objects.requireNonNull(expires, "expires");
        }
    }

    Optional<Entry> find(String scope, String key);

    /** Reads the record, applies {@code change} and saves the result, as one atomic step; returns what was saved. */
    Entry update(String scope, String key, Function<Optional<Entry>, Entry> change);

    void remove(String scope, String key);
}
