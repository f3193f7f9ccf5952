package dev.stsbridge.verifier.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.verifier.sts.CredentialIssuer;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/** A simple credential issuer for tests and benchmarks: random ASIA keys, remembered in memory. */
public final class InMemoryCredentialIssuer implements CredentialIssuer {
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedSession> sessions = new ConcurrentHashMap<>();

    @Override
    public TemporaryCredentials issue(SessionGrant grant) {
        StringBuilder keyId = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            keyId.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        }
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        byte[] token = new byte[48];
        random.nextBytes(token);
        TemporaryCredentials credentials = new TemporaryCredentials(keyId.toString(),
                Base64.getEncoder().encodeToString(secret), Base64.getEncoder().encodeToString(token),
                grant.expiration());
        sessions.put(credentials.accessKeyId(), new IssuedSession(credentials, grant));
        return credentials;
    }

    @Override
    public Optional<IssuedSession> find(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    public int issuedCount() {
        return sessions.size();
    }
}
