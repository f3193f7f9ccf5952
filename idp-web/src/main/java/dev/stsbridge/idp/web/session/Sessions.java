package dev.stsbridge.idp.web.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.http.HttpCookie;

import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;

/**
 * Session handling: the cookie ({@value #COOKIE}; {@value #SECURE_COOKIE} under TLS, which browsers only accept
 * with {@code Secure}, {@code Path=/} and no domain), timeouts, the CSRF token, and a new session ID at login so that
 * a session ID planted before login is worthless after it (session fixation).
 *
 * <p>A session expires {@code idleTimeout} after its last request, and {@code absoluteTimeout} after the login (for
 * an anonymous session: after it started), whichever comes first. The last-seen time is written at most every
 * {@link #TOUCH_INTERVAL}, so that a busy session does not write to the store on every request.
 */
public final class Sessions {

    public static final String COOKIE = "stsbridge_session";
    public static final String SECURE_COOKIE = "__Host-stsbridge_session";
    static final Duration TOUCH_INTERVAL = Duration.ofSeconds(10);
    /** Beyond this many live sessions, new ones are refused (memory bound against floods of anonymous sessions). */
    static final int MAX_SESSIONS = 200_000;
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SessionStore store;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Instant> lastPurge;

    public Sessions(SessionStore store, Clock clock, Duration idleTimeout, Duration absoluteTimeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.absoluteTimeout = Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
        this.lastPurge = new AtomicReference<>(clock.instant());
    }

    /** How long a login lasts (the assertions' SessionNotOnOrAfter). */
    public Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    /** The request's live session, if its cookie names one; an expired one is removed. */
    public Optional<Session> current(Exchange exchange) {
        Optional<String> id = exchange.cookie(cookieName(exchange.secure()));
        if (id.isEmpty() || id.get().length() > 64) {
            return Optional.empty();
        }
        // a logout under way is addressed by its RelayState, which SPs and their logs see: never as a browser session
        Optional<Session> found = store.find(id.get()).filter(s -> !isLogoutRecord(s));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = found.get();
        if (expired(session, now)) {
            store.remove(session.id());
            return Optional.empty();
        }
        if (Duration.between(session.lastSeen(), now).compareTo(TOUCH_INTERVAL) >= 0) {
            session = session.seen(now);
            store.save(session, expiry(session));
        }
        return Optional.of(session);
    }

    /** The live session, or a new anonymous one (with its cookie set on the response). */
    public Session currentOrNew(Exchange exchange) {
        return current(exchange).orElseGet(() -> start(exchange, Optional.empty(), Optional.empty(), List.of()));
    }

    /**
     * The login: the old session (if any) is removed and a new one, with a new ID and CSRF token, carries the person
     * and any pending SP-initiated request.
     */
    public Session signIn(Exchange exchange, Optional<Session> old, SignedInUser user) {
        old.ifPresent(s -> store.remove(s.id()));
        List<SpParticipant> participants = old.filter(s -> s.user().map(SignedInUser::username)
                .filter(user.username()::equals).isPresent()).map(Session::participants).orElse(List.of());
        return start(exchange, Optional.of(user), old.flatMap(Session::pending), participants);
    }

    /**
     * The password was right and a second factor is due: the old session (if any) is removed and a new one, with a
     * new ID and CSRF token, carries the step and any pending SP-initiated request, but nobody is signed in yet.
     */
    public Session awaitSecondFactor(Exchange exchange, Optional<Session> old, MfaState step) {
        old.ifPresent(s -> store.remove(s.id()));
        Session session = start(exchange, Optional.empty(), old.flatMap(Session::pending), List.of()).withMfa(step);
        store.save(session, expiry(session));
        return session;
    }

    /**
     * A new anonymous session in place of {@code old} (which is removed, login and all): for SP-initiated requests
     * with ForceAuthn, which must not reuse the current login.
     */
    public Session startOver(Exchange exchange, Optional<Session> old) {
        old.ifPresent(s -> store.remove(s.id()));
        return start(exchange, Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * A logout under way: a session without user and without cookie that holds each SP's step, addressed only by
     * its ID, which travels as the RelayState of the IdP's LogoutRequests (the browser's own session is already
     * ended). It lives in the same store as sessions, so that any node can take the next step, and expires like
     * an anonymous session.
     */
    public Session startLogout(List<SpParticipant> participants) {
        Instant now = clock.instant();
        makeRoom(now);
        Session logout = new Session(token(), token(), now, now, Optional.empty(), Optional.empty(), MfaState.NONE,
                participants);
        store.save(logout, expiry(logout));
        return logout;
    }

    /** A logout under way, by its ID (the RelayState that came back): live, without user, with participants. */
    public Optional<Session> logoutInProgress(String id) {
        if (id.length() > 64) {
            return Optional.empty();
        }
        return store.find(id).filter(Sessions::isLogoutRecord).filter(s -> !expired(s, clock.instant()));
    }

    /** A record made by {@link #startLogout}: nobody signed in, SPs to log out. */
    private static boolean isLogoutRecord(Session session) {
        return session.user().isEmpty() && !session.participants().isEmpty();
    }

    /** Removes a finished logout. */
    public void discard(Session session) {
        store.remove(session.id());
    }

    /** Saves a changed session (e.g. with a pending request added or consumed). */
    public Session save(Session session) {
        store.save(session, expiry(session));
        return session;
    }

    /** Logout: the session is removed and the browser told to forget the cookie. */
    public void end(Exchange exchange, Session session) {
        store.remove(session.id());
        exchange.setCookie(cookie(exchange.secure(), "").maxAge(0).build());
    }

    /** Whether {@code sent} is this session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(Session session, Optional<String> sent) {
        return sent.isPresent() && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                sent.get().getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return store.size();
    }

    boolean expired(Session session, Instant now) {
        return !now.isBefore(expiry(session));
    }

    /** The idle timeout after the last request, or the absolute one after the login (or start), the earlier. */
    Instant expiry(Session session) {
        Instant start = session.user().map(SignedInUser::authnInstant).orElse(session.created());
        Instant idle = session.lastSeen().plus(idleTimeout);
        Instant absolute = start.plus(absoluteTimeout);
        return idle.isBefore(absolute) ? idle : absolute;
    }

    private Session start(Exchange exchange, Optional<SignedInUser> user, Optional<PendingAuthnRequest> pending,
                          List<SpParticipant> participants) {
        Instant now = clock.instant();
        makeRoom(now);
        Session session = new Session(token(), token(), now, now, user, pending, MfaState.NONE, participants);
        store.save(session, expiry(session));
        exchange.setCookie(cookie(exchange.secure(), session.id()).build());
        return session;
    }

    private void makeRoom(Instant now) {
        Instant last = lastPurge.get();
        boolean due = !now.isBefore(last.plus(PURGE_INTERVAL)) && lastPurge.compareAndSet(last, now);
        if (due || store.size() >= MAX_SESSIONS) {
            store.removeExpired(now);
        }
        if (store.size() >= MAX_SESSIONS) {
            throw new HttpError(503, "Busy", "The IdP has too many open sessions; try again in a few minutes.");
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    private static HttpCookie.Builder cookie(boolean secure, String value) {
        return HttpCookie.build(cookieName(secure), value).path("/").httpOnly(true)
                .sameSite(HttpCookie.SameSite.LAX).secure(secure);
    }

    static String cookieName(boolean secure) {
        return secure ? SECURE_COOKIE : COOKIE;
    }
}
