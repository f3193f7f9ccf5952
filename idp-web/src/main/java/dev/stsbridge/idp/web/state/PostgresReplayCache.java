package dev.stsbridge.idp.web.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import javax.sql.DataSource;

import dev.stsbridge.idp.state.StateUnavailableException;
import dev.stsbridge.idp.web.sp.ReplayCache;
import dev.stsbridge.idp.state.PurgeSchedule;

/**
 * AuthnRequest IDs in the shared database (table {@code authn_request_seen}, keyed by the SHA-256 of the SP's entity
 * ID and the request ID): one statement inserts the ID, or takes over an expired entry of it, and says whether it
 * did; a live entry, written by any node, means a replay. Expired rows are deleted once a minute.
 */
public final class PostgresReplayCache implements ReplayCache {

    private static final String FIRST_USE = "INSERT INTO authn_request_seen (key_sha256, expires_at) VALUES (?, ?) "
            + "ON CONFLICT (key_sha256) DO UPDATE SET expires_at = EXCLUDED.expires_at "
            + "WHERE authn_request_seen.expires_at <= ?";

    private final DataSource database;
    private final Clock clock;
    private final PurgeSchedule purges;

    /** @param clock the database's clock (expiry is compared on it) */
    public PostgresReplayCache(DataSource database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purges = new PurgeSchedule(clock);
    }

    @Override
    public void firstUse(String issuer, String requestId, Instant expiry, String what) {
        Instant now = clock.instant();
        try (Connection c = database.getConnection()) {
            if (purges.due()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM authn_request_seen WHERE expires_at <= ?")) {
                    s.setObject(1, Sql.timestamp(now));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(FIRST_USE)) {
                s.setString(1, Sql.sha256(issuer.length() + ":" + issuer + requestId));
                s.setObject(2, Sql.timestamp(expiry));
                s.setObject(3, Sql.timestamp(now));
                if (s.executeUpdate() == 0) {
                    throw ReplayCache.replayed(what, requestId);
                }
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("checking a request ID", e);
        }
    }
}
