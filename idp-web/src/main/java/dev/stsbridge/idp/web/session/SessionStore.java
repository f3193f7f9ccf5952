package dev.stsbridge.idp.web.session;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where sessions live. The default keeps them in memory ({@link InMemorySessionStore}: one node, lost at restart);
 * a shared store (a database, Redis) can replace it for several IdP nodes. Implementations must be thread-safe and
 * should not keep the raw session ID as a key where it could leak (the in-memory store keys by its SHA-256).
 */
public interface SessionStore {

    Optional<Session> find(String id);

    /** Saves a new or changed session (by its ID). */
    void save(Session session);

    void remove(String id);

    /** Removes every session the predicate says is expired; returns how many. */
    int removeIf(Predicate<Session> expired);

    int size();
}
