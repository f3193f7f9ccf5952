package dev.stsbridge.idp.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it (or, {@link #ticking}, runs like a real one and jumps when moved). */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final boolean ticking;

    public MutableClock(Instant start) {
        this(start, false);
    }

    private MutableClock(Instant start, boolean ticking) {
        this.now = new AtomicReference<>(start);
        this.ticking = ticking;
    }

    /** A running clock {@code offset} from the system's (e.g. a node whose clock is two minutes fast). */
    public static MutableClock ticking(Duration offset) {
        return new MutableClock(Instant.EPOCH.plus(offset), true);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public Instant instant() {
        return ticking ? Instant.now().plusMillis(now.get().toEpochMilli()) : now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
