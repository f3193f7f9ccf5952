package dev.stsbridge.idp.web.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Where the web state lives and whether it answers now (for {@code /healthz}).
 *
 * @param kind {@code memory} or {@code postgresql}
 * @param available whether the state can be read and written
 * @param detail what was checked, or what went wrong (one line)
 * @param latency how long the check took
 */
public record StateHealth(String kind, boolean available, String detail, Duration latency) {

    /** How long a failing reason may be in {@code /healthz}. */
    static final int MAX_DETAIL = 200;

    public StateHealth {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(latency, "latency");
    }

    /** A check of the state, run on each {@code /healthz}. */
    @FunctionalInterface
    public interface Check {
        StateHealth check();
    }

    /** State in this process's memory: always there. */
    static Check inMemory() {
        return () -> new StateHealth("memory", true, "in memory (one node)", Duration.ZERO);
    }

    /**
     * The shared database: a connection from the pool answers {@code SELECT 1} (within the pool's connection
     * timeout); otherwise unavailable with the driver's reason on one line.
     */
    static Check database(DataSource database) {
        Objects.requireNonNull(database, "database");
        return () -> {
            long start = System.nanoTime();
            try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement("SELECT 1")) {
                s.execute();
                return new StateHealth("postgresql", true, "the shared state database answered",
                        Duration.ofNanos(System.nanoTime() - start));
            } catch (SQLException e) {
                return new StateHealth("postgresql", false, oneLine(e), Duration.ofNanos(System.nanoTime() - start));
            }
        };
    }

    private static String oneLine(SQLException e) {
        String reason = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
        String line = "SQLSTATE " + (e.getSQLState() == null ? "unknown" : e.getSQLState()) + ": " + reason;
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 3) + "...";
    }
}
