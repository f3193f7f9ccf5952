package dev.stsbridge.idp.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Says yes once per {@link #INTERVAL} (across threads): when a shared store deletes its expired rows. */
public final class PurgeSchedule {

    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final AtomicReference<Instant> last;

    public PurgeSchedule(Clock clock) {
        this.clock = clock;
        this.last = new AtomicReference<>(clock.instant());
    }

    public boolean due() {
        Instant now = clock.instant();
        Instant before = last.get();
        return !now.isBefore(before.plus(INTERVAL)) && last.compareAndSet(before, now);
    }
}
