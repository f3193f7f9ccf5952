package dev.stsbridge.verifier.federation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.verifier.sts.CredentialIssuer.IssuedSession;

/**
 * Sign-in tokens in memory: 256 random bits (base64url), valid 15 minutes from issue (AWS: "The URL is valid for 15
 * minutes from the time it is created"), redeemable once. Kept under their SHA-256, never as the token itself;
 * expired ones are forgotten at the next issue.
 */
final class SigninTokens {
    static final Duration VALIDITY = Duration.ofMinutes(15);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** A new token for the verified credentials and the console session length they asked for. */
    String issue(CredentialCheck.Verified verified, Optional<Duration> sessionDuration, Instant now) {
        pending.values().removeIf(p -> !p.validAt(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(digest(token), new Pending(verified.session(), sessionDuration, now));
        return token;
    }

    /** The token's sign-in, once, if it was issued here less than 15 minutes ago. */
    Optional<Pending> redeem(String token, Instant now) {
        return Optional.ofNullable(pending.remove(digest(token))).filter(p -> p.validAt(now));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A sign-in waiting for its token.
     *
     * @param session the verified credentials and their role session
     * @param sessionDuration the console session's length, if {@code SessionDuration} was given
     * @param issuedAt when the token was issued
     */
    record Pending(IssuedSession session, Optional<Duration> sessionDuration, Instant issuedAt) {
        boolean validAt(Instant now) {
            return now.isBefore(issuedAt.plus(VALIDITY));
        }

        /** SessionDuration from sign-in when given, else the credentials' expiry. */
        Instant consoleExpiry(Instant signedInAt) {
            return sessionDuration.map(signedInAt::plus).orElse(session.credentials().expiration());
        }
    }
}
