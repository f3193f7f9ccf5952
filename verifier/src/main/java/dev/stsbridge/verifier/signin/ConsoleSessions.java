package dev.stsbridge.verifier.signin;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Console sessions in memory, under unguessable 128-bit IDs; forgotten a while after they expire. */
final class ConsoleSessions {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    /** A new session ID. */
    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void put(ConsoleSession session, Instant now) {
        sessions.values().removeIf(s -> s.grant().expiration().plus(SignInSettings.keepExpired()).isBefore(now));
        sessions.put(session.id(), session);
    }

    Optional<ConsoleSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }
}
