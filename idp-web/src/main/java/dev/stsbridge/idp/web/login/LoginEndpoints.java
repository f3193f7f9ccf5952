package dev.stsbridge.idp.web.login;

import java.util.Optional;


import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.mfa.MfaGate;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * {@code /login} and {@code GET /logout} (the sign-out itself, {@code POST /logout}, is single logout's:
 * {@code dev.stsbridge.idp.web.slo.SloEndpoints}). The login, in order: CSRF token -> {@link PasswordCheck} (throttle ->
 * directory) -> the second factor when {@link MfaGate} says it is due (then {@code /mfa} and back) -> new session ->
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

    private final IdpApplication idp;
    private final Sessions sessions;
    private final PasswordCheck passwords;
    private final MfaGate mfa;

    public LoginEndpoints(IdpApplication idp, Sessions sessions, PasswordCheck passwords, MfaGate mfa) {
        this.idp = idp;
        this.sessions = sessions;
        this.passwords = passwords;
        this.mfa = mfa;
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
        PasswordCheck.Outcome outcome = passwords.check(username, password.toCharArray(), exchange.clientAddress(),
                exchange.requestId(), PasswordCheck.Channel.FORM);
        if (outcome instanceof PasswordCheck.Accepted accepted) {
            SignedInUser person = idp.signedIn(accepted.user(), exchange.secure(), sessions.absoluteTimeout());
            if (mfa.dueAtLogin(person)) {
                mfa.afterPassword(exchange, session, person, next);
                return;
            }
            Session signedIn = sessions.signIn(exchange, Optional.of(session), person);
            exchange.redirect(afterLogin(signedIn, next));
            return;
        }
        PasswordCheck.Refused refused = (PasswordCheck.Refused) outcome;
        refused.retryAfterSeconds().ifPresent(s -> exchange.setHeader("Retry-After", Long.toString(s)));
        exchange.html(refused.status(), "login", loginPage(session, next, shortened(username),
                Optional.of(refused.message())));
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
        return username.length() <= PasswordCheck.MAX_USERNAME ? username
                : username.substring(0, PasswordCheck.MAX_USERNAME);
    }
}
