package dev.stsbridge.idp.web.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.stsbridge.idp.mfa.Enrollment;
import dev.stsbridge.idp.mfa.PasskeyException;
import dev.stsbridge.idp.mfa.PasskeyFactor;
import dev.stsbridge.idp.mfa.RecoveryCodes;
import dev.stsbridge.idp.mfa.Totp;
import dev.stsbridge.idp.mfa.TotpFactor;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * {@code /mfa/enroll}: setting up a second factor, for a person whose login waits for one they do not have yet, or
 * a signed-in person adding one (who must have signed in with MFA if they already have a factor, so that a stolen
 * password cannot add the thief's device). The TOTP secret is made per page and kept in the session until a code
 * from it confirms it ({@code POST /mfa/enroll/totp}); a passkey is registered against a challenge kept the same
 * way ({@code POST /mfa/enroll/passkey}). The first factor comes with {@value RecoveryCodes#COUNT} recovery codes,
 * shown once; the session is then signed in with MFA.
 */
public final class EnrollmentEndpoints {

    public static final String PATH = "/mfa/enroll";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final MfaGate gate;
    private final Sessions sessions;
    private final SecondFactorCheck check;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EnrollmentEndpoints(MfaGate gate, Sessions sessions, SecondFactorCheck check, AuditLog audit,
                               Clock clock) {
        this.gate = gate;
        this.sessions = sessions;
        this.check = check;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code GET /mfa/enroll}. */
    public Endpoint form() {
        return exchange -> {
            Optional<Session> session = enrolling(exchange);
            if (session.isEmpty()) {
                exchange.redirect("/login?next=" + PATH);
                return;
            }
            show(exchange, session.get(), 200, Optional.empty());
        };
    }

    /** {@code POST /mfa/enroll/totp}: the code that confirms the secret shown. */
    public Endpoint confirmTotp() {
        return exchange -> {
            Session session = checked(exchange);
            SignedInUser person = person(session);
            Optional<byte[]> secret = session.mfa().totpSecret().map(Base64.getDecoder()::decode);
            if (secret.isEmpty() || !gate.mfa().policy().totpEnabled()) {
                show(exchange, session, 400, Optional.of("The enrollment has expired; scan the new code."));
                return;
            }
            AtomicLong step = new AtomicLong();
            SecondFactorCheck.Outcome outcome = check.confirmTotp(attempt(exchange, person), secret.get(),
                    exchange.form("code").orElse(""), step::set);
            if (outcome instanceof SecondFactorCheck.Failed failed) {
                failed.retryAfterSeconds().ifPresent(s -> exchange.setHeader("Retry-After", Long.toString(s)));
                show(exchange, session, failed.status(), Optional.of(failed.message()));
                return;
            }
            TotpFactor factor = new TotpFactor(secret.get(), clock.instant(), step.get());
            enrolled(exchange, session, person, "authenticator app", "totp", e -> e.withTotp(factor));
        };
    }

    /** {@code POST /mfa/enroll/passkey}: the browser's {@code PublicKeyCredential.toJSON()} after {@code create}. */
    public Endpoint registerPasskey() {
        return exchange -> {
            Session session = checked(exchange);
            SignedInUser person = person(session);
            Optional<String> challenge = session.mfa().challenge();
            session = sessions.save(session.withMfa(session.mfa().withChallenge(Optional.empty())));
            if (challenge.isEmpty() || !gate.mfa().policy().passkeysEnabled()) {
                show(exchange, session, 400, Optional.of("The passkey request has expired; try again."));
                return;
            }
            PasskeyFactor passkey;
            try {
                passkey = gate.mfa().passkeys().register(exchange.form("credential").orElse(""),
                        Base64.getUrlDecoder().decode(challenge.get()), clock.instant());
            } catch (PasskeyException e) {
                show(exchange, session, 400, Optional.of(e.getMessage()));
                return;
            }
            enrolled(exchange, session, person, "passkey", "passkey", e -> e.withPasskey(passkey));
        };
    }

    private void enrolled(Exchange exchange, Session session, SignedInUser person, String factorName,
                          String factor, java.util.function.UnaryOperator<Enrollment> add) {
        RecoveryCodes.Issued codes = gate.mfa().recoveryCodes().issue();
        boolean[] issued = {false};
        gate.mfa().enrollments().update(person.username(), e -> {
            Enrollment added = add.apply(e);
            issued[0] = added.recoveryCodes().isEmpty();
            return issued[0] ? added.withRecoveryCodes(codes.hashed()) : added;
        });
        audit.mfa("enrolled", person.username(), exchange.clientAddress(), exchange.requestId(), factor, "form",
                Optional.empty());
        Session cleared = session.withMfa(session.mfa().withTotpSecret(Optional.empty()));
        String next = gate.complete(exchange, cleared, person, Optional.of(factor.equals("totp") ? "otp" : "hwk"));
        exchange.noStore();
        exchange.html(200, "mfa-codes", Page.titled("Second factor set up").with("factor", factorName)
                .with("hasCodes", issued[0]).with("codes", issued[0] ? codes.plain() : List.of())
                .with("next", next));
    }

    private void show(Exchange exchange, Session session, int status, Optional<String> error) {
        SignedInUser person = person(session);
        Enrollment enrollment = gate.mfa().enrollments().find(person.username());
        Page page = Page.titled("Set up a second factor").with("csrf", session.csrfToken());
        error.ifPresent(e -> page.with("error", e));
        if (session.user().isEmpty()) {
            page.with("required", true);
        }
        if (gate.mfa().policy().totpEnabled() && enrollment.totp().isEmpty()) {
            byte[] secret = session.mfa().totpSecret().map(Base64.getDecoder()::decode)
                    .orElseGet(() -> Totp.newSecret(random));
            session = session.withMfa(session.mfa().withTotpSecret(Optional.of(
                    Base64.getEncoder().encodeToString(secret))));
            QrSvg qr = QrSvg.of(Totp.keyUri("stsbridge", person.username(), secret));
            page.with("totp", true).with("qrSize", qr.size()).with("qrPath", qr.path())
                    .with("secret", Totp.base32(secret).replaceAll("(.{4})(?!$)", "$1 "));
        }
        if (gate.mfa().policy().passkeysEnabled()) {
            byte[] challenge = new byte[32];
            random.nextBytes(challenge);
            session = session.withMfa(session.mfa().withChallenge(Optional.of(B64URL.encodeToString(challenge))));
            page.with("passkey", Map.of("options",
                    gate.mfa().passkeys().creationOptions(person.user(), enrollment, challenge)));
            exchange.setHeader("Content-Security-Policy", PasskeyScript.POLICY);
        }
        sessions.save(session);
        if (session.user().isPresent()) {
            LoginEndpoints.withHeader(page, session);
        }
        exchange.noStore();
        exchange.html(status, "mfa-enroll", page);
    }

    /** A session that may enroll now (see the class comment), with a valid CSRF token. */
    private Session checked(Exchange exchange) {
        exchange.noStore();
        Session session = enrolling(exchange).orElseThrow(() -> HttpError.forbidden(
                "Sign in first; then set up your second factor."));
        if (!Sessions.csrfMatches(session, exchange.form("csrf"))) {
            throw HttpError.forbidden(LoginEndpoints.FORM_EXPIRED);
        }
        return session;
    }

    private Optional<Session> enrolling(Exchange exchange) {
        return sessions.current(exchange).filter(s -> {
            Optional<SignedInUser> person = s.mfa().awaiting().or(s::user);
            if (person.isEmpty()) {
                return false;
            }
            boolean hasFactor = gate.usable(gate.mfa().enrollments().find(person.get().username()));
            return !hasFactor || s.user().map(SignedInUser::mfa).orElse(false);
        });
    }

    private static SignedInUser person(Session session) {
        return session.mfa().awaiting().or(session::user).orElseThrow();
    }

    private static SecondFactorCheck.Attempt attempt(Exchange exchange, SignedInUser person) {
        return new SecondFactorCheck.Attempt(person.username(), exchange.clientAddress(), exchange.requestId(),
                "form");
    }
}
