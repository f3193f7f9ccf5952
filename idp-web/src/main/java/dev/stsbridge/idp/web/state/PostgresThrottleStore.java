package dev.stsbridge.idp.web.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.stsbridge.idp.state.StateUnavailableException;
import dev.stsbridge.idp.web.login.ThrottleStore;
import dev.stsbridge.idp.state.PurgeSchedule;

/**
 * Throttle records in the shared database (table {@code throttle}). An update reads the row {@code FOR UPDATE} in a
 * transaction, so failures counted on two nodes at once both count; a first record inserted by two nodes at once:
 * one wins, the other retries on its row. Expired rows are deleted once a minute.
 */
public final class PostgresThrottleStore implements ThrottleStore {

    private static final String COLUMNS = "failures, last_failure, blocked_until, locked, expires_at";

    private final DataSource database;
    private final Clock clock;
    private final PurgeSchedule purges;

    /** @param clock the database's clock (purges compare expiry on it) */
    public PostgresThrottleStore(DataSource database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purges = new PurgeSchedule(clock);
    }

    @Override
    public Optional<Entry> find(String scope, String key) {
        try (Connection c = database.getConnection()) {
            return select(c, scope, key, "");
        } catch (SQLException e) {
            throw new StateUnavailableException("reading a throttle record", e);
        }
    }

    @Override
    public Entry update(String scope, String key, Function<Optional<Entry>, Entry> change) {
        try (Connection c = database.getConnection()) {
            purgeIfDue(c);
            c.setAutoCommit(false);
            try {
                Optional<Entry> saved = Optional.empty();
                for (int attempt = 0; saved.isEmpty() && attempt < 3; attempt++) {
                    saved = updateLocked(c, scope, key, change);
                }
                c.commit();
                return saved.orElseThrow(() -> new IllegalStateException("a throttle record kept changing"));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("counting a failed attempt", e);
        }
    }

    private Optional<Entry> updateLocked(Connection c, String scope, String key,
                                         Function<Optional<Entry>, Entry> change) throws SQLException {
        Optional<Entry> current = select(c, scope, key, " FOR UPDATE");
        Entry changed = change.apply(current);
        String sql = current.isPresent()
                ? "UPDATE throttle SET failures = ?, last_failure = ?, blocked_until = ?, locked = ?, expires_at = ? "
                        + "WHERE scope = ? AND key = ?"
                : "INSERT INTO throttle (" + COLUMNS + ", scope, key) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (scope, key) DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, changed.failures());
            s.setObject(2, Sql.timestamp(changed.lastFailure()));
            s.setObject(3, Sql.timestamp(changed.blockedUntil()));
            s.setBoolean(4, changed.locked());
            s.setObject(5, Sql.timestamp(changed.expires()));
            s.setString(6, scope);
            s.setString(7, key);
            return s.executeUpdate() == 1 ? Optional.of(changed) : Optional.empty();
        }
    }

    private static Optional<Entry> select(Connection c, String scope, String key, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM throttle WHERE scope = ? AND key = ?"
                + lock)) {
            s.setString(1, scope);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(r.getInt("failures"), Sql.instant(r, "last_failure"),
                        Sql.instant(r, "blocked_until"), r.getBoolean("locked"), Sql.instant(r, "expires_at")));
            }
        }
    }

    @Override
    public void remove(String scope, String key) {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM throttle WHERE scope = ? AND key = ?")) {
            s.setString(1, scope);
            s.setString(2, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StateUnavailableException("clearing a throttle record", e);
        }
    }

    private void purgeIfDue(Connection c) throws SQLException {
        if (purges.due()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM throttle WHERE expires_at <= ?")) {
                s.setObject(1, Sql.timestamp(clock.instant()));
                s.executeUpdate();
            }
        }
    }
}
