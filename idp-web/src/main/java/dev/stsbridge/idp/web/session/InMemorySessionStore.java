package dev.stsbridge.idp.web.session;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.stsbridge.idp.crypto.CryptoProviders;

/**
 * Sessions in a concurrent map, keyed by the SHA-256 of the session ID: map lookups compare digests, not the
 * secret itself, and a heap dump shows no usable cookie values as keys.
 */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(key(id)));
    }

    @Override
    public void save(Session session) {
        sessions.put(key(session.id()), session);
    }

    @Override
    public void remove(String id) {
        sessions.remove(key(id));
    }

    @Override
    public int removeIf(Predicate<Session> expired) {
        int before = sessions.size();
        sessions.values().removeIf(expired);
        return Math.max(0, before - sessions.size());
    }

    @Override
    public int size() {
        return sessions.size();
    }

    private static String key(String id) {
        byte[] digest = CryptoProviders.newDigest("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
