package dev.stsbridge.idp.web.state;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import dev.stsbridge.idp.crypto.CryptoProviders;

/** What the PostgreSQL stores share: timestamps, digests, and when to purge expired rows. */
final class Sql {

    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

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

    /** Says yes once per {@link #PURGE_INTERVAL} (across threads). */
    static final class PurgeSchedule {
        private final Clock clock;
        private final AtomicReference<Instant> last;

        PurgeSchedule(Clock clock) {
            this.clock = clock;
            this.last = new AtomicReference<>(clock.instant());
        }

        boolean due() {
            Instant now = clock.instant();
            Instant before = last.get();
            return !now.isBefore(before.plus(PURGE_INTERVAL)) && last.compareAndSet(before, now);
        }
    }
}
