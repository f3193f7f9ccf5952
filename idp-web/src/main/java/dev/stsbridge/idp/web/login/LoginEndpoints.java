package dev.stsbridge.idp.web.login;

import java.util.Arrays;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.directory.AuthenticationFailedException;
import dev.stsbridge.idp.directory.DirectoryUnavailableException;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.ops.WebMetrics;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * {@code /login} and {@code /logout}. The login, in order: CSRF token -> throttle -> directory -> new session ->
 * redirect (to the pending SP-initiated request, the local {@code next} path, or the portal). Every attempt is
 * audited and counted; the password is never logged or kept.
 */
public final class LoginEndpoints {

    public static final String INVALID = "Invalid username or password.";
    public static final String TOO_MANY = "Too many attempts, try again in %d seconds.";
    public static final String FORM_EXPIRED = "The form has expired or did not come from this site. "
            + "Please try again.";
    public static final String DIRECTORY_DOWN = "The directory is not available right now. Please try again later.";
    /** Where the browser goes after a login that an SP-initiated request is waiting for. */
    public static final String CONTINUE_PATH = "/saml2/sso/continue";
    private static final Logger LOG = LoggerFactory.getLogger(LoginEndpoints.class);
    private static final int MAX_USERNAME = 256;
    private static final int MAX_PASSWORD = 1024;

    private final IdpApplication idp;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final WebMetrics metrics;

    public LoginEndpoints(IdpApplication idp, Sessions sessions, LoginThrottle throttle, AuditLog audit,
                          WebMetrics metrics) {
        this.idp = idp;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** {@code GET /login}: the form (a signed-in person goes straight on). */
    public Endpoint form() {
        return exchange -> {
            Session session = sessions.currentOrNew(exchange);
            Optional<String> next = LocalPath.of(exchange.query("next"));
            if (session.signedIn()) {
                exchange.redirect(afterLogin(session, next));
                return;
            }
            exchange.noStore();
            exchange.html(200, "login", loginPage(session, next, "", Optional.empty()));
        };
    }

    /** {@code POST /login}. */
    public Endpoint submit() {
        return exchange -> {
            Optional<Session> session = sessions.current(exchange);
            Optional<String> next = LocalPath.of(exchange.form("next"));
            String username = exchange.form("username").orElse("").strip();
            exchange.noStore();
            if (session.isEmpty() || !Sessions.csrfMatches(session.get(), exchange.form("csrf"))) {
                Session fresh = session.orElseGet(() -> sessions.currentOrNew(exchange));
                exchange.html(403, "login", loginPage(fresh, next, username, Optional.of(FORM_EXPIRED)));
                return;
            }
            login(exchange, session.get(), username, exchange.form("password").orElse(""), next);
        };
    }

    private void login(Exchange exchange, Session session, String username, String password, Optional<String> next) {
        String client = exchange.clientAddress();
        if (username.isEmpty() || password.isEmpty() || username.length() > MAX_USERNAME
                || password.length() > MAX_PASSWORD) {
            exchange.html(401, "login", loginPage(session, next, shortened(username), Optional.of(INVALID)));
            return;
        }
        Optional<LoginThrottle.Block> block = throttle.blocked(username, client);
        if (block.isPresent()) {
            refuseThrottled(exchange, session, username, next, block.get());
            return;
        }
        char[] secret = password.toCharArray();
        try {
            DirectoryUser user = idp.directory().authenticate(username, secret);
            succeeded(exchange, session, user, next);
        } catch (AuthenticationFailedException e) {
            LoginThrottle.Failure failure = throttle.failed(username, client);
            String outcome = failure.locked() ? "locked" : "failed";
            audit.login(outcome, username, client, exchange.requestId(),
                    failure.locked() ? failure.blockedUntil() : Optional.empty());
            metrics.login(outcome);
            exchange.html(401, "login", loginPage(session, next, username, Optional.of(INVALID)));
        } catch (DirectoryUnavailableException e) {
            LOG.warn("login of {} failed: the directory is unavailable: {}", username, e.getMessage());
            audit.login("error", username, client, exchange.requestId(), Optional.empty());
            metrics.login("error");
            exchange.html(503, "login", loginPage(session, next, username, Optional.of(DIRECTORY_DOWN)));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private void succeeded(Exchange exchange, Session session, DirectoryUser user, Optional<String> next) {
        throttle.succeeded(user.username());
        SignedInUser person = idp.signedIn(user, exchange.secure(), sessions.absoluteTimeout());
        Session signedIn = sessions.signIn(exchange, Optional.of(session), person);
        audit.login("ok", user.username(), exchange.clientAddress(), exchange.requestId(), Optional.empty());
        metrics.login("ok");
        exchange.redirect(afterLogin(signedIn, next));
    }

    private void refuseThrottled(Exchange exchange, Session session, String username, Optional<String> next,
                                 LoginThrottle.Block block) {
        String outcome = block.locked() ? "locked" : "throttled";
        audit.login(outcome, username, exchange.clientAddress(), exchange.requestId(),
                block.locked() ? Optional.of(block.until()) : Optional.empty());
        metrics.login(outcome);
        exchange.setHeader("Retry-After", Long.toString(block.seconds()));
        exchange.html(429, "login", loginPage(session, next, username,
                Optional.of(String.format(TOO_MANY, block.seconds()))));
    }

    /** {@code GET /logout}: a confirmation with a POST button (a GET never signs out: no cross-site logout). */
    public Endpoint confirm() {
        return exchange -> {
            Optional<Session> session = sessions.current(exchange).filter(Session::signedIn);
            exchange.noStore();
            if (session.isEmpty()) {
                exchange.html(200, "signed-out", Page.titled("Signed out"));
                return;
            }
            exchange.html(200, "logout", withHeader(Page.titled("Sign out"), session.get())
                    .with("csrf", session.get().csrfToken()));
        };
    }

    /** {@code POST /logout} with the session's CSRF token. */
    public Endpoint logout() {
        return exchange -> {
            Optional<Session> session = sessions.current(exchange);
            exchange.noStore();
            if (session.isPresent()) {
                if (!Sessions.csrfMatches(session.get(), exchange.form("csrf"))) {
                    throw HttpError.forbidden(FORM_EXPIRED);
                }
                sessions.end(exchange, session.get());
            }
            exchange.html(200, "signed-out", Page.titled("Signed out"));
        };
    }

    /** The page header of a signed-in person (name and sign-out button). */
    public static Page withHeader(Page page, Session session) {
        return session.user().map(u -> page.signedIn(u.username(), session.csrfToken())).orElse(page);
    }

    private static String afterLogin(Session session, Optional<String> next) {
        if (session.pending().isPresent()) {
            return CONTINUE_PATH;
        }
        return next.orElse("/portal");
    }

    private static Page loginPage(Session session, Optional<String> next, String username, Optional<String> error) {
        Page page = Page.titled("Sign in").with("csrf", session.csrfToken()).with("username", username);
        next.ifPresent(n -> page.with("next", n));
        error.ifPresent(e -> page.with("error", e));
        return page;
    }

    private static String shortened(String username) {
        return username.length() <= MAX_USERNAME ? username : username.substring(0, MAX_USERNAME);
    }
}
