package dev.stsbridge.idp.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's clock, as seen from this node: the node's clock plus the offset to the database server's
 * {@code clock_timestamp()}, measured at start and again every {@link #REFRESH} (half the round trip is taken as
 * the transfer time; the refresh is timed by {@link System#nanoTime()}, so a test clock that is moved by hand
 * keeps its offset). Every node's session timeouts, throttle delays and replay-cache expiries follow this one
 * clock, so nodes whose own clocks differ (by minutes) still agree on what has expired. When the database cannot
 * be asked, the last offset stays in use.
 */
public final class DatabaseClock extends Clock {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClock.class);
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final Clock node;
    private final DataSource database;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicLong nextRefreshNanos = new AtomicLong();

    private DatabaseClock(Clock node, DataSource database) {
        this.node = node;
        this.database = database;
    }

    /**
     * Measures the offset now.
     *
     * @throws StateUnavailableException when the database does not answer
     */
    public static DatabaseClock of(Clock node, DataSource database) {
        DatabaseClock clock = new DatabaseClock(Objects.requireNonNull(node, "node"),
                Objects.requireNonNull(database, "database"));
        clock.measure();
        return clock;
    }

    /** The database's time minus this node's (positive: the node is behind). */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public Instant instant() {
        long due = nextRefreshNanos.get();
        long nanos = System.nanoTime();
        if (nanos - due >= 0 && nextRefreshNanos.compareAndSet(due, nanos + REFRESH.toNanos())) {
            try {
                measure();
            } catch (StateUnavailableException e) {
                LOG.warn("cannot read the database's clock; keeping the offset {}: {}", offset(), e.getMessage());
            }
        }
        return node.instant().plusMillis(offsetMillis.get());
    }

    private void measure() {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT clock_timestamp()")) {
            Instant before = node.instant();
            Instant db;
            try (ResultSet r = s.executeQuery()) {
                r.next();
                db = r.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
            Instant after = node.instant();
            Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
            long offset = Duration.between(middle, db).toMillis();
            if (Math.abs(offset - offsetMillis.getAndSet(offset)) > 1000) {
                LOG.info("this node's clock is {} ms behind the shared database's", offset);
            }
            nextRefreshNanos.set(System.nanoTime() + REFRESH.toNanos());
        } catch (SQLException e) {
            throw new StateUnavailableException("reading the database's clock", e);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the database clock is UTC");
    }
}
