package dev.stsbridge.idp.web.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.idp.crypto.CryptoProviders;

/**
 * Sessions in a concurrent map, keyed by the SHA-256 of the session ID: map lookups compare digests, not the
 * secret itself, and a heap dump shows no usable cookie values as keys.
 */
public final class InMemorySessionStore implements SessionStore {

    private record Stored(Session session, Instant expires) {
    }

    private final Map<String, Stored> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(key(id))).map(Stored::session);
    }

    @Override
    public void save(Session session, Instant expires) {
        sessions.put(key(session.id()), new Stored(session, expires));
    }

    @Override
    public void remove(String id) {
        sessions.remove(key(id));
    }

    @Override
    public int removeExpired(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !now.isBefore(s.expires()));
        return Math.max(0, before - sessions.size());
    }

    @Override
    public int size() {
        return sessions.size();
    }

    /** The SHA-256 (hex) of a session ID: what stores keep instead of the ID. */
    public static String key(String id) {
        byte[] digest = CryptoProviders.newDigest("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
