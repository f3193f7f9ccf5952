package dev.stsbridge.idp.web.state;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import dev.stsbridge.idp.crypto.CryptoProviders;

/** What the PostgreSQL stores share: timestamps and digests (when to purge: {@code idp.state.PurgeSchedule}). */
final class Sql {

    private Sql() {
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(CryptoProviders.newDigest("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
