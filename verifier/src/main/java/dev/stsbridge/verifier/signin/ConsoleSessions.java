package dev.stsbridge.verifier.signin;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.verifier.sts.SessionGrant;

/**
 * Console sessions in memory, under unguessable 128-bit IDs; forgotten a while after they expire. One instance is
 * shared by the SAML sign-in and the federation endpoint, so that {@code /console} shows sessions of both.
 */
public final class ConsoleSessions {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    /**
     * Opens a console session for a role session (the federation endpoint's {@code login}).
     *
     * @param destination the console page the user asked for, if any
     * @param issuer the broker's sign-in page, if given
     * @return the session ID for {@code /console?session=}
     */
    public String open(SessionGrant grant, String accessKeyId, Optional<String> destination, Optional<String> issuer,
                       Instant now, Instant expiration) {
        String id = newId();
        put(new ConsoleSession(id, grant, accessKeyId, destination, issuer, now, expiration), now);
        return id;
    }

    /** A new session ID. */
    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void put(ConsoleSession session, Instant now) {
        sessions.values().removeIf(s -> s.expiration().plus(SignInSettings.keepExpired()).isBefore(now));
        sessions.put(session.id(), session);
    }

    Optional<ConsoleSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }
}
