package dev.stsbridge.idp.web.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.web.login.ThrottleStore.Entry;

/**
 * Slows down password guessing, per username and per client address, without holding a server thread: after a
 * few free failures each further failure blocks the next attempt for an exponentially growing delay (1 s, 2 s, 4 s,
 * ... up to a minute), and after {@link Policy#lockAfter()} failures the name or address is locked for
 * {@link Policy#lockDuration()}. A blocked attempt is refused at once (HTTP 429, "try again in N seconds"), before
 * the directory is asked. Failures are forgotten {@link Policy#forgetAfter()} after the last one; a successful
 * login clears the username's record. The records are in a {@link ThrottleStore}: in memory (bounded), or shared by
 * several nodes.
 *
 * <p>The trade-off: a username lock also keeps its owner out for a while; the per-address limits are higher, as
 * many people may share one address.
 */
public final class LoginThrottle {

    /**
     * @param freeFailures failures without any delay
     * @param baseDelay the first delay, doubled with each further failure
     * @param maxDelay the longest delay before the lock
     * @param lockAfter failures that lock the name or address
     * @param lockDuration how long a lock lasts
     * @param forgetAfter failures older than this (since the last one) are forgotten
     */
    public record Policy(int freeFailures, Duration baseDelay, Duration maxDelay, int lockAfter, Duration lockDuration,
                         Duration forgetAfter) {
        public Policy {
            if (freeFailures < 0 || lockAfter <= freeFailures) {
                throw new IllegalArgumentException("lockAfter must exceed freeFailures >= 0");
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(lockDuration, "lockDuration");
            Objects.requireNonNull(forgetAfter, "forgetAfter");
        }

        /** Per username: 3 free failures, then 1 s doubling to 60 s; locked for 15 minutes after 10. */
        public static Policy perUsername() {
            return new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(60), 10, Duration.ofMinutes(15),
                    Duration.ofMinutes(15));
        }

        /** Per client address: 10 free failures, then 1 s doubling to 60 s; locked for 15 minutes after 50. */
        public static Policy perAddress() {
            return new Policy(10, Duration.ofSeconds(1), Duration.ofSeconds(60), 50, Duration.ofMinutes(15),
                    Duration.ofMinutes(15));
        }
    }

    /** What a failure did: nothing more, a delay, or a lock (until when). */
    public record Failure(boolean locked, Optional<Instant> blockedUntil) {
    }

    /** Why an attempt is refused now: how long to wait, and whether a lock (not a delay) is the cause. */
    public record Block(Duration remaining, boolean locked, Instant until) {
        /** Whole seconds to wait, at least 1. */
        public long seconds() {
            return Math.max(1, (remaining.toMillis() + 999) / 1000);
        }
    }

    private final Clock clock;
    private final Policy userPolicy;
    private final Policy addressPolicy;
    private final ThrottleStore store;
    private final String userScope;
    private final String addressScope;

    /** A throttle of its own, in memory (one node). */
    public LoginThrottle(Clock clock, Policy userPolicy, Policy addressPolicy) {
        this(clock, userPolicy, addressPolicy, new InMemoryThrottleStore(), "login");
    }

    /**
     * A throttle whose records are in {@code store} under the scopes {@code <name>-user} and {@code <name>-address}
     * (e.g. {@code login}, {@code mfa}).
     */
    public LoginThrottle(Clock clock, Policy userPolicy, Policy addressPolicy, ThrottleStore store, String name) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.userPolicy = Objects.requireNonNull(userPolicy, "userPolicy");
        this.addressPolicy = Objects.requireNonNull(addressPolicy, "addressPolicy");
        this.store = Objects.requireNonNull(store, "store");
        this.userScope = name + "-user";
        this.addressScope = name + "-address";
    }

    /** The block in force for this username or address now, the longer of the two. */
    public Optional<Block> blocked(String username, String address) {
        Instant now = clock.instant();
        Optional<Block> user = store.find(userScope, key(username)).flatMap(r -> block(r, now));
        Optional<Block> client = store.find(addressScope, address).flatMap(r -> block(r, now));
        if (user.isEmpty() || client.isEmpty()) {
            return user.isPresent() ? user : client;
        }
        return user.get().until().isAfter(client.get().until()) ? user : client;
    }

    /** Records a failed login; says whether it started a lock. */
    public Failure failed(String username, String address) {
        Instant now = clock.instant();
        Entry user = store.update(userScope, key(username), r -> next(r, now, userPolicy));
        Entry client = store.update(addressScope, address, r -> next(r, now, addressPolicy));
        boolean locked = user.locked() && user.failures() == userPolicy.lockAfter()
                || client.locked() && client.failures() == addressPolicy.lockAfter();
        Instant until = user.blockedUntil().isAfter(client.blockedUntil()) ? user.blockedUntil()
                : client.blockedUntil();
        return new Failure(locked, until.isAfter(now) ? Optional.of(until) : Optional.empty());
    }

    /** A successful login clears the username's failures (the address keeps its record). */
    public void succeeded(String username) {
        store.remove(userScope, key(username));
    }

    private static Entry next(Optional<Entry> current, Instant now, Policy policy) {
        int failures = current.isEmpty() || forgotten(current.get(), now) ? 1 : current.get().failures() + 1;
        if (failures >= policy.lockAfter()) {
            return entry(failures, now, now.plus(policy.lockDuration()), true, policy);
        }
        int over = failures - policy.freeFailures();
        if (over <= 0) {
            return entry(failures, now, now, false, policy);
        }
        long factor = 1L << Math.min(over - 1, 20);
        Duration delay = policy.baseDelay().multipliedBy(factor);
        return entry(failures, now, now.plus(delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay),
                false, policy);
    }

    private static Entry entry(int failures, Instant now, Instant blockedUntil, boolean locked, Policy policy) {
        Instant forget = now.plus(policy.forgetAfter());
        return new Entry(failures, now, blockedUntil, locked, forget.isAfter(blockedUntil) ? forget : blockedUntil);
    }

    /** Past the block, and {@code forgetAfter} after the last failure. */
    private static boolean forgotten(Entry record, Instant now) {
        return now.isAfter(record.blockedUntil()) && !now.isBefore(record.expires());
    }

    private static Optional<Block> block(Entry record, Instant now) {
        if (!now.isBefore(record.blockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(new Block(Duration.between(now, record.blockedUntil()), record.locked(),
                record.blockedUntil()));
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
