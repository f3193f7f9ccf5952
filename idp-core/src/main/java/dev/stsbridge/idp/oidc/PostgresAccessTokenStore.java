package dev.stsbridge.idp.oidc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.mfa.EnrollmentCipher;
import dev.stsbridge.idp.state.StateUnavailableException;
import dev.stsbridge.idp.state.PurgeSchedule;

/**
 * Access tokens in the shared database (table {@code oidc_access_token}), so that userinfo on any node knows a token
 * issued by another: keyed by the token's SHA-256, the grant sealed ({@link GrantCodec}), with the key of the code
 * that produced it. It works with {@link PostgresAuthorizationCodeStore}'s rows: a replay marks the code revoked and
 * deletes its tokens; a token is written only by an {@code INSERT ... SELECT} that share-locks the code's row and
 * finds it not revoked, so a replay racing the redemption on another node cannot leave a live token behind. Expired
 * tokens are deleted once a minute, on the database's clock.
 */
public final class PostgresAccessTokenStore implements AccessTokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAccessTokenStore.class);
    static final String DOMAIN = "oidc-token";
    private static final String SAVE = "INSERT INTO oidc_access_token (token_sha256, code_sha256, sealed, expires_at) "
            + "SELECT ?, code_sha256, ?, ? FROM oidc_code WHERE code_sha256 = ? AND NOT revoked FOR SHARE";

    private final DataSource database;
    private final GrantCodec codec;
    private final Clock clock;
    private final PurgeSchedule purges;

    /** @param clock the database's clock (expiry is compared on it) */
    public PostgresAccessTokenStore(DataSource database, EnrollmentCipher cipher, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.codec = new GrantCodec(Objects.requireNonNull(cipher, "cipher"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purges = new PurgeSchedule(clock);
    }

    @Override
    public boolean save(String tokenKey, String codeKey, AuthorizationGrant grant, Instant expiresAt) {
        byte[] sealed = codec.seal(grant, DOMAIN, tokenKey);
        try (Connection c = database.getConnection()) {
            if (purges.due()) {
                execute(c, "DELETE FROM oidc_access_token WHERE expires_at <= ?", clock.instant());
            }
            try (PreparedStatement s = c.prepareStatement(SAVE)) {
                s.setString(1, tokenKey);
                s.setBytes(2, sealed);
                s.setObject(3, PostgresAuthorizationCodeStore.timestamp(expiresAt));
                s.setString(4, codeKey);
                return s.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("saving an access token", e);
        }
    }

    @Override
    public void revokeIssuedFor(String codeKey) {
        try (Connection c = database.getConnection()) {
            execute(c, "UPDATE oidc_code SET revoked = true WHERE code_sha256 = ?", codeKey);
            execute(c, "DELETE FROM oidc_access_token WHERE code_sha256 = ?", codeKey);
        } catch (SQLException e) {
            throw new StateUnavailableException("revoking access tokens", e);
        }
    }

    @Override
    public Optional<AuthorizationGrant> find(String tokenKey) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT sealed FROM oidc_access_token WHERE token_sha256 = ? AND expires_at > ?")) {
            s.setString(1, tokenKey);
            s.setObject(2, PostgresAuthorizationCodeStore.timestamp(clock.instant()));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? open(r.getBytes(1), tokenKey) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateUnavailableException("reading an access token", e);
        }
    }

    private Optional<AuthorizationGrant> open(byte[] sealed, String tokenKey) {
        try {
            return Optional.of(codec.open(sealed, DOMAIN, tokenKey));
        } catch (IllegalStateException e) {
            LOG.warn("a stored access token is unreadable and counts as unknown: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static void execute(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter instanceof Instant at ? PostgresAuthorizationCodeStore.timestamp(at) : parameter);
            s.executeUpdate();
        }
    }
}
