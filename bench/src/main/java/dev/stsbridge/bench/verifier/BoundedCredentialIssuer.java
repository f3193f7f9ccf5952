package dev.stsbridge.bench.verifier;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.stsbridge.verifier.sts.CredentialIssuer;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/**
 * An in-memory issuer for the benchmark: mints credentials like the real one and keeps them, but forgets them all
 * past 100,000 so that a long run does not measure the garbage collector.
 */
final class BoundedCredentialIssuer implements CredentialIssuer {
    private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private final Map<String, IssuedSession> sessions = new ConcurrentHashMap<>();

    @Override
    public TemporaryCredentials issue(SessionGrant grant) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder key = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            key.append(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        TemporaryCredentials credentials = new TemporaryCredentials(key.toString(), Long.toHexString(random.nextLong())
                + Long.toHexString(random.nextLong()), Long.toHexString(random.nextLong()), grant.expiration());
        if (sessions.size() > 100_000) {
            sessions.clear();
        }
        sessions.put(credentials.accessKeyId(), new IssuedSession(credentials, grant));
        return credentials;
    }

    @Override
    public Optional<IssuedSession> find(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }
}
