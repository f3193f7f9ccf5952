package dev.stsbridge.idp.web.state;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.mfa.EnrollmentCipher;
import dev.stsbridge.idp.state.StateUnavailableException;
import dev.stsbridge.idp.web.session.InMemorySessionStore;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.SessionCodec;
import dev.stsbridge.idp.web.session.SessionStore;

/**
 * Sessions in the shared database (table {@code idp_session}): keyed by the SHA-256 of the session ID (the cookie
 * value is never stored), the session as {@link SessionCodec} JSON sealed by the nodes' {@link EnrollmentCipher}
 * (bound to the row's key, so a row copied to another key does not open), and its expiry. Every save is written (and
 * committed) before it returns, so a node that dies afterwards loses nothing: the next request, on any node, finds
 * the session. {@link #size} counts at most every {@link #COUNT_INTERVAL}.
 */
public final class PostgresSessionStore implements SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSessionStore.class);
    static final Duration COUNT_INTERVAL = Duration.ofSeconds(2);
    /** The associated data's prefix: the session domain of the key (enrollments use file names). */
    private static final String ASSOCIATED = "session:";

    private final DataSource database;
    private final EnrollmentCipher cipher;
    private final AtomicLong counted = new AtomicLong(-1);
    private final AtomicLong countedAtNanos = new AtomicLong();

    public PostgresSessionStore(DataSource database, EnrollmentCipher cipher) {
        this.database = Objects.requireNonNull(database, "database");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public Optional<Session> find(String id) {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sealed FROM idp_session WHERE id_sha256 = ?")) {
            String key = InMemorySessionStore.key(id);
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? open(id, key, r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("reading a session", e);
        }
    }

    private Optional<Session> open(String id, String key, byte[] sealed) {
        try {
            return Optional.of(SessionCodec.decode(id,
                    new String(cipher.decrypt(sealed, ASSOCIATED + key), StandardCharsets.UTF_8)));
        } catch (IllegalStateException e) {
            LOG.warn("a stored session is unreadable and counts as ended: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(Session session, Instant expires) {
        String sql = "INSERT INTO idp_session (id_sha256, sealed, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (id_sha256) DO UPDATE SET sealed = EXCLUDED.sealed, expires_at = EXCLUDED.expires_at, "
                + "updated_at = now()";
        String key = InMemorySessionStore.key(session.id());
        byte[] json = SessionCodec.encode(session).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.encrypt(json, ASSOCIATED + key);
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setBytes(2, sealed);
            s.setObject(3, Sql.timestamp(expires));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StateUnavailableException("saving a session", e);
        }
    }

    @Override
    public void remove(String id) {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM idp_session WHERE id_sha256 = ?")) {
            s.setString(1, InMemorySessionStore.key(id));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StateUnavailableException("ending a session", e);
        }
    }

    @Override
    public int removeExpired(Instant now) {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM idp_session WHERE expires_at <= ?")) {
            s.setObject(1, Sql.timestamp(now));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StateUnavailableException("deleting expired sessions", e);
        }
    }

    @Override
    public int size() {
        long at = countedAtNanos.get();
        long nanos = System.nanoTime();
        if (counted.get() >= 0 && nanos - at < COUNT_INTERVAL.toNanos()) {
            return (int) counted.get();
        }
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM idp_session");
             ResultSet r = s.executeQuery()) {
            r.next();
            counted.set(r.getLong(1));
            countedAtNanos.set(nanos);
            return (int) Math.min(Integer.MAX_VALUE, counted.get());
        } catch (SQLException e) {
            throw new StateUnavailableException("counting sessions", e);
        }
    }
}
