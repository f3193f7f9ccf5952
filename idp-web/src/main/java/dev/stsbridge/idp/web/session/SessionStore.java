package dev.stsbridge.idp.web.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Where sessions live. The default keeps them in memory ({@link InMemorySessionStore}: one node, lost at restart);
 * the shared database ({@code dev.stsbridge.idp.web.state.PostgresSessionStore}) serves several IdP nodes.
 * Implementations must be thread-safe, must have written a saved session through before {@link #save} returns (a
 * node that dies afterwards loses nothing), and must not keep the raw session ID where it could leak (both key by
 * its SHA-256).
 */
public interface SessionStore {

    Optional<Session> find(String id);

    /** Saves a new or changed session (by its ID), which may be deleted from {@code expires} on. */
    void save(Session session, Instant expires);

    void remove(String id);

    /** Removes every session whose expiry is at or before {@code now}; returns how many. */
    int removeExpired(Instant now);

    /** How many sessions are stored (a shared store may answer from a count a few seconds old). */
    int size();
}
