package dev.stsbridge.idp.web.state;

import java.time.Clock;
import java.util.Objects;

import dev.stsbridge.idp.web.login.InMemoryThrottleStore;
import dev.stsbridge.idp.web.login.ThrottleStore;
import dev.stsbridge.idp.web.session.InMemorySessionStore;
import dev.stsbridge.idp.web.session.SessionStore;
import dev.stsbridge.idp.web.sp.InMemoryReplayCache;
import dev.stsbridge.idp.web.sp.ReplayCache;

/**
 * The web layer's state.
 *
 * @param sessions the IdP sessions
 * @param replays the AuthnRequest IDs already answered
 * @param throttles the failed login and second-factor attempts
 * @param clock the clock that session timeouts, throttle delays and AuthnRequest freshness follow (with a shared
 *              database: the database's, so that nodes agree)
 * @param health whether the state answers now ({@code /healthz})
 */
public record WebState(SessionStore sessions, ReplayCache replays, ThrottleStore throttles, Clock clock,
                       StateHealth.Check health) {
    public WebState {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(replays, "replays");
        Objects.requireNonNull(throttles, "throttles");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(health, "health");
    }

    /** State in this process (always healthy). */
    public WebState(SessionStore sessions, ReplayCache replays, ThrottleStore throttles, Clock clock) {
        this(sessions, replays, throttles, clock, StateHealth.inMemory());
    }

    /** One node: everything in memory, on {@code clock}. */
    public static WebState inMemory(Clock clock) {
        return new WebState(new InMemorySessionStore(), new InMemoryReplayCache(clock), new InMemoryThrottleStore(),
                clock);
    }
}
