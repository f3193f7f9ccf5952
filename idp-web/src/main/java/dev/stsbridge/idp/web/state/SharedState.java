package dev.stsbridge.idp.web.state;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.mfa.EnrollmentCipher;
import dev.stsbridge.idp.state.Database;
import dev.stsbridge.idp.state.DatabaseClock;

/**
 * The state of {@code state:}, opened: without {@code postgresql}, the web state in memory on the node's clock and
 * no database (MFA enrollments stay in files); with it, the database (schema migrated), the web state in it on the
 * database's clock, and the data source for {@code IdpApplication.start} (MFA enrollments). Start the application
 * on {@link WebState#clock()} too, so that logins, assertions and TOTP steps follow the same clock as the session
 * timeouts on every node. Close it after the server and the application.
 */
public final class SharedState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedState.class);

    private final Optional<Database> database;
    private final WebState web;

    private SharedState(Optional<Database> database, WebState web) {
        this.database = database;
        this.web = web;
    }

    /**
     * @throws IllegalStateException naming {@code state.postgresql} when the database cannot be reached or migrated
     */
    public static SharedState open(StsbridgeConfig config, Map<String, String> environment, Clock clock) {
        if (config.state().postgresql().isEmpty()) {
            return new SharedState(Optional.empty(), WebState.inMemory(clock));
        }
        Database database = Database.open(config.state().postgresql().get(), environment);
        try {
            EnrollmentCipher cipher = EnrollmentCipher.loadOrCreate(config.dataDir(), new SecureRandom());
            return new SharedState(Optional.of(database), postgres(database.dataSource(), cipher, clock));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The web state in the database {@code db} (its schema migrated), on the database's clock; session rows sealed
     * with {@code cipher} (the data directory's {@code keys/mfa-key}).
     */
    public static WebState postgres(DataSource db, EnrollmentCipher cipher, Clock clock) {
        DatabaseClock shared = DatabaseClock.of(clock, db);
        LOG.info("shared state in PostgreSQL; this node's clock is {} ms behind the database's",
                shared.offset().toMillis());
        return new WebState(new PostgresSessionStore(db, cipher), new PostgresReplayCache(db, shared),
                new PostgresThrottleStore(db, shared), shared, StateHealth.database(db));
    }

    /** The database, for MFA enrollments; empty on a single node. */
    public Optional<DataSource> dataSource() {
        return database.map(Database::dataSource);
    }

    public WebState web() {
        return web;
    }

    @Override
    public void close() {
        database.ifPresent(Database::close);
    }
}
