package dev.stsbridge.idp.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.config.PostgresConfig;

/**
 * The shared PostgreSQL database: a HikariCP pool of {@code pool-size} connections, and the schema brought up to
 * date by Flyway at start (the SQL files under {@code db/migration}; several nodes starting at once are safe, Flyway
 * takes a database lock). Statements run with auto-commit unless a store opens a transaction itself.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Connects, migrates the schema and returns the pool.
     *
     * @param environment where {@code password: {env: NAME}} is looked up
     * @throws IllegalStateException naming {@code state.postgresql} when the database cannot be reached or migrated
     */
    public static Database open(PostgresConfig config, Map<String, String> environment) {
        Objects.requireNonNull(config, "config");
        HikariConfig settings = poolSettings(config, environment);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("state.postgresql: cannot connect to " + config.url() + " as "
                    + config.user() + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    private static HikariConfig poolSettings(PostgresConfig config, Map<String, String> environment) {
        char[] password = config.password().resolve("state.postgresql.password", environment);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("stsbridge-state");
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(new String(password));
        Arrays.fill(password, '\0');
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        hikari.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        hikari.setInitializationFailTimeout(CONNECT_TIMEOUT.toMillis());
        hikari.addDataSourceProperty("ApplicationName", "stsbridge");
        hikari.addDataSourceProperty("connectTimeout", "5");
        hikari.addDataSourceProperty("socketTimeout", "30");
        return hikari;
    }

    private static void migrate(DataSource pool) {
        try {
            var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .table("stsbridge_schema_history").load().migrate();
            LOG.info("shared state database schema at version {} ({} migration(s) applied now)",
                    result.targetSchemaVersion, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new IllegalStateException("state.postgresql: cannot migrate the schema: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Whether a connection can be had and answers now (for health checks). */
    public boolean reachable() {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("SELECT 1")) {
            s.execute();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
