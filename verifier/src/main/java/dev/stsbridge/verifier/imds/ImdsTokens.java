package dev.stsbridge.verifier.imds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IMDSv2 session tokens: 256 random bits (base64url), valid for the TTL asked for (1-21,600 seconds), kept only as
 * their SHA-256. At most {@value #MAX_TOKENS} live tokens; expired ones are dropped as new ones are issued.
 */
final class ImdsTokens {
    static final int MAX_TTL_SECONDS = 21_600;
    static final int MAX_TOKENS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiryByHash = new ConcurrentHashMap<>();
    private final Clock clock;

    ImdsTokens(Clock clock) {
        this.clock = clock;
    }

    String issue(int ttlSeconds) {
        Instant now = clock.instant();
        expiryByHash.values().removeIf(expiry -> !expiry.isAfter(now));
        if (expiryByHash.size() >= MAX_TOKENS) {
            throw new IllegalStateException("too many live metadata tokens");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        expiryByHash.put(hash(token), now.plus(Duration.ofSeconds(ttlSeconds)));
        return token;
    }

    boolean valid(Optional<String> token) {
        return token.map(t -> expiryByHash.get(hash(t))).filter(expiry -> expiry.isAfter(clock.instant())).isPresent();
    }

    private static String hash(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
