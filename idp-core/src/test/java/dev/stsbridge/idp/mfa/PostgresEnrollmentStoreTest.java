package dev.stsbridge.idp.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.config.PostgresConfig;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.state.Database;
import dev.stsbridge.idp.state.PostgresServer;

/**
 * MFA enrollments shared by two nodes (two pools on one real PostgreSQL): updates are atomic across nodes, the
 * database never sees a secret in clear, and a row moved to another person does not decrypt.
 */
class PostgresEnrollmentStoreTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static PostgresServer postgres;
    private static Database nodeA;
    private static Database nodeB;
    private static EnrollmentCipher cipher;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        String url = postgres.createDatabase("enrollments");
        PostgresConfig config = new PostgresConfig(url, postgres.user(), SecretRef.fromEnv("P"), 4, false);
        nodeA = Database.open(config, Map.of("P", postgres.password()));
        nodeB = Database.open(config, Map.of("P", postgres.password()));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        cipher = new EnrollmentCipher(key, new SecureRandom());
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        postgres.close();
    }

    private static EnrollmentStore on(Database node) {
        return new PostgresEnrollmentStore(node.dataSource(), cipher);
    }

    @Test
    void anEnrollmentMadeOnOneNodeIsSeenOnTheOther() {
        on(nodeA).update("Alice", e -> e.withTotp(new TotpFactor(SECRET, Instant.EPOCH, 0)));
        Enrollment seen = on(nodeB).find("alice");
        assertThat(seen.totp()).isPresent();
        assertThat(seen.totp().get().secret()).isEqualTo(SECRET);
        assertThat(on(nodeB).find("nobody")).isEqualTo(Enrollment.none("nobody"));
    }

    @Test
    void aTotpStepUsedOnOneNodeIsRefusedOnTheOtherEvenAtTheSameMoment() throws Exception {
        on(nodeA).update("carol", e -> e.withTotp(new TotpFactor(SECRET, Instant.EPOCH, 0)));
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService both = Executors.newFixedThreadPool(2);
        List<Future<?>> attempts = new ArrayList<>();
        for (Database node : List.of(nodeA, nodeB)) {
            attempts.add(both.submit(() -> useStep(on(node), "carol", 1000, accepted)));
        }
        for (Future<?> attempt : attempts) {
            attempt.get();
        }
        both.shutdown();
        assertThat(accepted).hasValue(1);
        assertThat(on(nodeB).find("carol").totp().get().lastUsedStep()).isEqualTo(1000);
    }

    /** What SecondFactorCheck does: accept the step only when it is after the last one used, inside the update. */
    private static void useStep(EnrollmentStore store, String user, long step, AtomicInteger accepted) {
        try {
            store.update(user, e -> {
                TotpFactor totp = e.totp().orElseThrow();
                if (step <= totp.lastUsedStep()) {
                    throw new IllegalStateException("replayed TOTP step");
                }
                return e.withTotp(new TotpFactor(totp.secret(), totp.enrolled(), step));
            });
            accepted.incrementAndGet();
        } catch (IllegalStateException replayed) {
            assertThat(replayed).hasMessage("replayed TOTP step");
        }
    }

    @Test
    void concurrentUpdatesFromTwoNodesLoseNone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> updates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Database node = i % 2 == 0 ? nodeA : nodeB;
            byte[] salt = new byte[16];
            salt[0] = (byte) i;
            updates.add(pool.submit(() -> on(node).update("dave", e -> {
                List<RecoveryCodes.Hashed> more = new ArrayList<>(e.recoveryCodes());
                more.add(new RecoveryCodes.Hashed(salt, new byte[32]));
                return e.withRecoveryCodes(more);
            })));
        }
        for (Future<?> update : updates) {
            update.get();
        }
        pool.shutdown();
        assertThat(on(nodeA).find("dave").recoveryCodes()).hasSize(40);
    }

    @Test
    void theDatabaseNeverSeesTheTotpSecretInClear() throws Exception {
        on(nodeA).update("erin", e -> e.withTotp(new TotpFactor(SECRET, Instant.EPOCH, 0)));
        byte[] stored = row("erin");
        assertThat(indexOf(stored, SECRET)).isEqualTo(-1);
        assertThat(indexOf(stored, "secret".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
    }

    @Test
    void aRowCopiedToAnotherPersonDoesNotDecrypt() throws Exception {
        on(nodeA).update("frank", e -> e.withTotp(new TotpFactor(SECRET, Instant.EPOCH, 0)));
        on(nodeA).update("grace", e -> e.withRecoveryCodes(List.of()));
        try (Connection c = nodeA.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE mfa_enrollment SET sealed = ? WHERE user_sha256 = ?")) {
            s.setBytes(1, row("frank"));
            s.setString(2, key("grace"));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> on(nodeB).find("grace")).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read the MFA enrollment of grace from the shared database: does not decrypt "
                        + "with the MFA key (changed, or another key or person)");
    }

    private static byte[] row(String user) throws Exception {
        try (Connection c = nodeA.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT sealed FROM mfa_enrollment WHERE user_sha256 = ?")) {
            s.setString(1, key(user));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getBytes(1);
            }
        }
    }

    private static String key(String user) {
        String file = FileEnrollmentStore.fileName(user);
        return file.substring(0, file.length() - 4);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
