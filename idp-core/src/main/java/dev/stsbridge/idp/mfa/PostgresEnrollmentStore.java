package dev.stsbridge.idp.mfa;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.state.StateUnavailableException;

/**
 * Enrollments in the shared database (table {@code mfa_enrollment}), for several IdP nodes: one row per person,
 * keyed by the SHA-256 of the lower-case username, holding the same JSON as {@link FileEnrollmentStore} sealed by
 * the same {@link EnrollmentCipher} (every node has the same {@code keys/mfa-key}; the database never sees a TOTP
 * secret or a recovery code in clear, and a row copied to another person does not decrypt).
 *
 * <p>{@link #update} is atomic across nodes: it reads the row {@code FOR UPDATE} inside a transaction, so two nodes
 * checking the same TOTP code (or recovery code) run one after the other, and the second sees the step (or the
 * code) the first used. A first enrollment that two nodes insert at once: one wins, the other retries on its row.
 */
public final class PostgresEnrollmentStore implements EnrollmentStore {

    private final DataSource database;
    private final EnrollmentCipher cipher;
    private final ObjectMapper json = new ObjectMapper();

    public PostgresEnrollmentStore(DataSource database, EnrollmentCipher cipher) {
        this.database = Objects.requireNonNull(database, "database");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public Enrollment find(String username) {
        String name = FileEnrollmentStore.fileName(username);
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sealed FROM mfa_enrollment WHERE user_sha256 = ?")) {
            s.setString(1, key(name));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? open(r.getBytes(1), name, username) : Enrollment.none(username);
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("reading an MFA enrollment", e);
        }
    }

    @Override
    public Enrollment update(String username, UnaryOperator<Enrollment> change) {
        String name = FileEnrollmentStore.fileName(username);
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Enrollment> changed = Optional.empty();
                for (int attempt = 0; changed.isEmpty() && attempt < 3; attempt++) {
                    changed = updateLocked(c, username, name, change);
                }
                c.commit();
                return changed.orElseThrow(() -> new IllegalStateException("the MFA enrollment of " + username
                        + " kept changing under this update"));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("updating an MFA enrollment", e);
        }
    }

    /** One try inside the transaction; empty when another node inserted the first row meanwhile (try again). */
    private Optional<Enrollment> updateLocked(Connection c, String username, String name,
                                              UnaryOperator<Enrollment> change) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT sealed FROM mfa_enrollment WHERE user_sha256 = ? FOR UPDATE")) {
            s.setString(1, key(name));
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    Enrollment changed = change.apply(open(r.getBytes(1), name, username));
                    write(c, "UPDATE mfa_enrollment SET sealed = ?, version = version + 1, updated_at = now() "
                            + "WHERE user_sha256 = ?", seal(changed, name), key(name));
                    return Optional.of(changed);
                }
            }
        }
        Enrollment changed = change.apply(Enrollment.none(username));
        int inserted = write(c, "INSERT INTO mfa_enrollment (sealed, user_sha256, version) VALUES (?, ?, 1) "
                + "ON CONFLICT (user_sha256) DO NOTHING", seal(changed, name), key(name));
        return inserted == 1 ? Optional.of(changed) : Optional.empty();
    }

    private static int write(Connection c, String sql, byte[] sealed, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, sealed);
            s.setString(2, key);
            return s.executeUpdate();
        }
    }

    private Enrollment open(byte[] sealed, String name, String username) {
        try {
            return json.readValue(cipher.decrypt(sealed, name), FileEnrollmentStore.Stored.class)
                    .enrollment(username);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("cannot read the MFA enrollment of " + username + " from the shared "
                    + "database: " + e.getMessage(), e);
        }
    }

    private byte[] seal(Enrollment enrollment, String name) {
        try {
            return cipher.encrypt(json.writeValueAsBytes(FileEnrollmentStore.Stored.of(enrollment)), name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an MFA enrollment: " + e.getMessage(), e);
        }
    }

    private static String key(String fileName) {
        return fileName.substring(0, fileName.length() - ".enc".length());
    }
}
