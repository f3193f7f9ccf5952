package dev.stsbridge.idp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.config.PostgresConfig;
import dev.stsbridge.idp.config.SecretRef;

/** The shared database against a real PostgreSQL: the schema, several nodes migrating at once, the clock, refusals. */
class DatabaseTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private static PostgresConfig config(String url) {
        return new PostgresConfig(url, postgres.user(), SecretRef.fromEnv("DB_PASSWORD"), 2, false);
    }

    private static Map<String, String> env() {
        return Map.of("DB_PASSWORD", postgres.password());
    }

    @Test
    void openingMigratesTheSchemaWithEveryTable() throws Exception {
        try (Database db = Database.open(config(postgres.createDatabase("schema")), env());
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'public' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (r.next()) {
                tables.add(r.getString(1));
            }
            assertThat(tables).containsExactly("authn_request_seen", "idp_session", "mfa_enrollment",
                    "oidc_access_token", "oidc_code", "stsbridge_schema_history", "throttle");
            assertThat(db.reachable()).isTrue();
        }
    }

    @Test
    void twoNodesOpeningTheSameDatabaseAtOnceBothStart() throws Exception {
        String url = postgres.createDatabase("together");
        List<Throwable> failures = new ArrayList<>();
        List<Thread> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread node = new Thread(() -> {
                try (Database db = Database.open(config(url), env())) {
                    assertThat(db.reachable()).isTrue();
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            });
            nodes.add(node);
            node.start();
        }
        for (Thread node : nodes) {
            node.join(60_000);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aWrongPasswordFailsNamingTheConfigurationKey() {
        String url = postgres.createDatabase("wrongpassword");
        assertThatThrownBy(() -> Database.open(config(url), Map.of("DB_PASSWORD", "not-the-password")))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("state.postgresql: cannot connect to " + url + " as stsbridge: ")
                .hasMessageContaining("password authentication failed for user \"stsbridge\"");
    }

    @Test
    void aMissingPasswordVariableFailsNamingIt() {
        assertThatThrownBy(() -> Database.open(config(postgres.url("postgres")), Map.of()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("state.postgresql.password: environment variable DB_PASSWORD is not set");
    }

    @Test
    void aNodeWhoseClockIsTwoMinutesOffFollowsTheDatabasesClock() {
        try (Database db = Database.open(config(postgres.createDatabase("clock")), env())) {
            Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2));
            DatabaseClock clock = DatabaseClock.of(behind, db.dataSource());
            assertThat(clock.offset().toSeconds()).isBetween(119L, 121L);
            assertThat(clock.instant()).isCloseTo(Instant.now(), within(1, ChronoUnit.SECONDS));
        }
    }
}
