package dev.stsbridge.idp.oidc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.mfa.EnrollmentCipher;
import dev.stsbridge.idp.state.StateUnavailableException;
import dev.stsbridge.idp.state.PurgeSchedule;

/**
 * Authorization codes in the shared database (table {@code oidc_code}), so that a code issued by one IdP node is
 * redeemed at any other: keyed by the code's SHA-256, the grant sealed ({@link GrantCodec}). Redemption is one
 * {@code UPDATE ... SET redeemed = true WHERE NOT redeemed}: PostgreSQL locks the row, so of two nodes redeeming the
 * same code at once exactly one changes it (the {@link Redemption.First}); the other, and every later request,
 * finds it redeemed (a {@link Redemption.Replayed}). Rows are deleted {@value
 * InMemoryAuthorizationCodeStore#REMEMBER_MINUTES} minutes after they expire (checked once a minute), on the
 * database's clock.
 */
public final class PostgresAuthorizationCodeStore implements AuthorizationCodeStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAuthorizationCodeStore.class);
    static final String DOMAIN = "oidc-code";
    private static final String REDEEM = "UPDATE oidc_code SET redeemed = true "
            + "WHERE code_sha256 = ? AND NOT redeemed RETURNING sealed";

    private final DataSource database;
    private final GrantCodec codec;
    private final Clock clock;
    private final PurgeSchedule purges;

    /** @param clock the database's clock (expiry is compared on it) */
    public PostgresAuthorizationCodeStore(DataSource database, EnrollmentCipher cipher, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.codec = new GrantCodec(Objects.requireNonNull(cipher, "cipher"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purges = new PurgeSchedule(clock);
    }

    @Override
    public void save(String key, AuthorizationGrant grant) {
        byte[] sealed = codec.seal(grant, DOMAIN, key);
        try (Connection c = database.getConnection()) {
            if (purges.due()) {
                purge(c);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO oidc_code (code_sha256, sealed, expires_at) VALUES (?, ?, ?)")) {
                s.setString(1, key);
                s.setBytes(2, sealed);
                s.setObject(3, timestamp(grant.expiresAt()));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("saving an authorization code", e);
        }
    }

    private void purge(Connection c) throws SQLException {
        Instant forgetBefore = clock.instant()
                .minus(Duration.ofMinutes(InMemoryAuthorizationCodeStore.REMEMBER_MINUTES));
        try (PreparedStatement s = c.prepareStatement("DELETE FROM oidc_code WHERE expires_at < ?")) {
            s.setObject(1, timestamp(forgetBefore));
            s.executeUpdate();
        }
    }

    @Override
    public Redemption redeem(String key) {
        try (Connection c = database.getConnection()) {
            Optional<AuthorizationGrant> first = grantOf(c, REDEEM, key);
            if (first.isPresent()) {
                return new Redemption.First(first.get());
            }
            return grantOf(c, "SELECT sealed FROM oidc_code WHERE code_sha256 = ?", key)
                    .<Redemption>map(Redemption.Replayed::new).orElseGet(Redemption.Unknown::new);
        } catch (SQLException e) {
            throw new StateUnavailableException("redeeming an authorization code", e);
        }
    }

    /** The sealed grant the statement answers for this key, opened; empty for no row or a row that does not open. */
    private Optional<AuthorizationGrant> grantOf(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(codec.open(r.getBytes(1), DOMAIN, key));
                } catch (IllegalStateException e) {
                    LOG.warn("a stored authorization code is unreadable and counts as unknown: {}", e.getMessage());
                    return Optional.empty();
                }
            }
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
