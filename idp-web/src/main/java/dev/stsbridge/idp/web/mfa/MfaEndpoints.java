package dev.stsbridge.idp.web.mfa;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import dev.stsbridge.idp.mfa.Enrollment;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * {@code /mfa}: the login's second step. {@code GET} shows the person's enabled factors (a TOTP code, a passkey, a
 * recovery code), or sends them to enrollment when they have none; {@code POST /mfa/totp}, {@code /mfa/passkey}
 * and {@code /mfa/recovery} check one ({@link SecondFactorCheck}: CSRF token, throttle, the factor, audit) and on
 * success sign the person in with MFA (a new session ID) and go on. The passkey challenge is made per page, kept
 * in the session and dropped before its answer is checked, so each one is used once.
 */
public final class MfaEndpoints {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final MfaGate gate;
    private final Sessions sessions;
    private final SecondFactorCheck check;
    private final SecureRandom random = new SecureRandom();

    public MfaEndpoints(MfaGate gate, Sessions sessions, SecondFactorCheck check) {
        this.gate = gate;
        this.sessions = sessions;
        this.check = check;
    }

    /** {@code GET /mfa}. */
    public Endpoint form() {
        return exchange -> {
            Optional<Session> session = awaiting(exchange);
            if (session.isEmpty()) {
                exchange.redirect("/login");
                return;
            }
            SignedInUser person = session.get().mfa().awaiting().orElseThrow();
            if (!gate.usable(gate.mfa().enrollments().find(person.username()))) {
                exchange.redirect(EnrollmentEndpoints.PATH);
                return;
            }
            show(exchange, session.get(), 200, Optional.empty());
        };
    }

    /** {@code POST /mfa/totp}. */
    public Endpoint totp() {
        return exchange -> submit(exchange, Optional.of("otp"), (session, attempt) ->
                gate.mfa().policy().totpEnabled()
                        ? check.totp(attempt, exchange.form("code").orElse(""))
                        : disabled());
    }

    /** {@code POST /mfa/recovery}. */
    public Endpoint recovery() {
        return exchange -> submit(exchange, Optional.empty(), (session, attempt) ->
                check.recoveryCode(attempt, exchange.form("code").orElse("")));
    }

    /** {@code POST /mfa/passkey}: the form carries the browser's {@code PublicKeyCredential.toJSON()}. */
    public Endpoint passkey() {
        return exchange -> submit(exchange, Optional.of("hwk"), (session, attempt) -> {
            Optional<String> challenge = session.mfa().challenge();
            sessions.save(session.withMfa(session.mfa().withChallenge(Optional.empty())));
            if (challenge.isEmpty() || !gate.mfa().policy().passkeysEnabled()) {
                return new SecondFactorCheck.Failed(400, "The passkey request has expired; try again.",
                        Optional.empty());
            }
            return check.passkey(attempt, exchange.form("credential").orElse(""),
                    Base64.getUrlDecoder().decode(challenge.get()));
        });
    }

    private interface Step {
        SecondFactorCheck.Outcome run(Session session, SecondFactorCheck.Attempt attempt);
    }

    /** @param factor the kind of factor, as RFC 8176 names it (empty for a recovery code) */
    private void submit(Exchange exchange, Optional<String> factor, Step step) {
        exchange.noStore();
        Optional<Session> session = awaiting(exchange);
        if (session.isEmpty()) {
            exchange.redirect("/login");
            return;
        }
        if (!Sessions.csrfMatches(session.get(), exchange.form("csrf"))) {
            show(exchange, session.get(), 403, Optional.of(LoginEndpoints.FORM_EXPIRED));
            return;
        }
        SignedInUser person = session.get().mfa().awaiting().orElseThrow();
        SecondFactorCheck.Outcome outcome = step.run(session.get(), new SecondFactorCheck.Attempt(person.username(),
                exchange.clientAddress(), exchange.requestId(), "form"));
        if (outcome instanceof SecondFactorCheck.Failed failed) {
            failed.retryAfterSeconds().ifPresent(s -> exchange.setHeader("Retry-After", Long.toString(s)));
            show(exchange, sessions.current(exchange).orElse(session.get()), failed.status(),
                    Optional.of(failed.message()));
            return;
        }
        exchange.redirect(gate.complete(exchange, session.get(), person, factor));
    }

    private void show(Exchange exchange, Session session, int status, Optional<String> error) {
        SignedInUser person = session.mfa().awaiting().orElseThrow();
        Enrollment enrollment = gate.mfa().enrollments().find(person.username());
        Page page = Page.titled("Second factor").with("csrf", session.csrfToken()).with("username", person.username());
        error.ifPresent(e -> page.with("error", e));
        if (gate.mfa().policy().totpEnabled() && enrollment.totp().isPresent()) {
            page.with("totp", true);
        }
        if (!enrollment.recoveryCodes().isEmpty()) {
            page.with("recovery", true);
        }
        if (gate.mfa().policy().passkeysEnabled() && !enrollment.passkeys().isEmpty()) {
            byte[] challenge = new byte[32];
            random.nextBytes(challenge);
            sessions.save(session.withMfa(session.mfa().withChallenge(Optional.of(B64URL.encodeToString(challenge)))));
            page.with("passkey", java.util.Map.of("options",
                    gate.mfa().passkeys().requestOptions(enrollment, challenge)));
            exchange.setHeader("Content-Security-Policy", PasskeyScript.POLICY);
        }
        exchange.noStore();
        exchange.html(status, "mfa", page);
    }

    private Optional<Session> awaiting(Exchange exchange) {
        return sessions.current(exchange).filter(s -> s.mfa().awaiting().isPresent());
    }

    private static SecondFactorCheck.Failed disabled() {
        return new SecondFactorCheck.Failed(400, "This factor is turned off here.", Optional.empty());
    }
}
