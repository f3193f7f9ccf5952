package dev.stsbridge.verifier.sts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Mints STS temporary credentials and keeps them in memory with the session they stand for, so that they can sign
 * later calls ({@code GetCallerIdentity}). Shaped like AWS's: access key ID {@code ASIA} + 16 characters of
 * {@code [A-Z2-7]} (the alphabet AWS's key IDs use), a 40-character base64 secret, and an opaque session token (256
 * random bytes, base64). The expiry is the grant's.
 *
 * <p>Sessions are not persisted (STS sessions do not survive a restart of the model). To bound memory under load the
 * issuer remembers the most recent {@code capacity} sessions; an older one is forgotten and its key is then refused
 * as unknown ({@code InvalidClientTokenId}), as AWS refuses a token it cannot decode.
 */
public final class InMemoryCredentialIssuer implements CredentialIssuer {

    /** Sessions remembered by default. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedSession> sessions = new ConcurrentHashMap<>();
    private final Queue<String> issueOrder = new ConcurrentLinkedQueue<>();
    private final int capacity;

    public InMemoryCredentialIssuer() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryCredentialIssuer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public TemporaryCredentials issue(SessionGrant grant) {
        TemporaryCredentials credentials = new TemporaryCredentials(newAccessKeyId(), base64(30), base64(256),
                grant.expiration());
        sessions.put(credentials.accessKeyId(), new IssuedSession(credentials, grant));
        issueOrder.add(credentials.accessKeyId());
        while (sessions.size() > capacity) {
            String oldest = issueOrder.poll();
            if (oldest == null) {
                break;
            }
            sessions.remove(oldest);
        }
        return credentials;
    }

    @Override
    public Optional<IssuedSession> find(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    private String newAccessKeyId() {
        StringBuilder id = new StringBuilder(20).append("ASIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)]);
        }
        return id.toString();
    }

    private String base64(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
