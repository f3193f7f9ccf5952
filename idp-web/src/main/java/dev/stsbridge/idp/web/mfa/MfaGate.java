package dev.stsbridge.idp.web.mfa;

import java.util.Optional;

import dev.stsbridge.idp.mfa.Enrollment;
import dev.stsbridge.idp.mfa.Mfa;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.session.MfaState;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * When the second factor is due, and the way into it. At login: when {@code mfa.required} covers the person, or
 * they enrolled a factor that is enabled. Before an assertion (step-up): when the role used has
 * {@code require-mfa}, or the SP's RequestedAuthnContext asks for MFA, and the session has none. Either way the
 * browser goes to {@value #PATH}, which asks for a factor, or to enrollment when the person has none.
 */
public final class MfaGate {

    public static final String PATH = "/mfa";

    private final Mfa mfa;
    private final Sessions sessions;
    private final java.time.Clock clock;

    public MfaGate(Mfa mfa, Sessions sessions, java.time.Clock clock) {
        this.mfa = mfa;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Whether this login needs a second factor before the person counts as signed in. */
    public boolean dueAtLogin(SignedInUser person) {
        return mfa.policy().available() && (mfa.policy().requiredFor(person.user())
                || usable(mfa.enrollments().find(person.username())));
    }

    /** Whether an assertion with this role choice needs a second factor this session has not had. */
    public boolean roleNeedsStepUp(SignedInUser person, RoleChoice choice) {
        return !person.mfa() && mfa.policy().roleRequiresMfa(person.user(), choice.account(), choice.role());
    }

    /** Whether the person has a factor that the configuration lets them use. */
    public boolean usable(Enrollment enrollment) {
        return mfa.policy().totpEnabled() && enrollment.totp().isPresent()
                || mfa.policy().passkeysEnabled() && !enrollment.passkeys().isEmpty();
    }

    /** Whether MFA can be done at all here (some factor is enabled). */
    public boolean available() {
        return mfa.policy().available();
    }

    /** The password was right: a new session awaits the second factor, then goes to {@code next}. */
    public void afterPassword(Exchange exchange, Session old, SignedInUser person, Optional<String> next) {
        sessions.awaitSecondFactor(exchange, Optional.of(old), MfaState.awaiting(person, next));
        exchange.redirect(PATH);
    }

    /** The signed-in person must add a second factor before {@code next} (a local path) is answered. */
    public void stepUp(Exchange exchange, Session session, String next) {
        sessions.save(session.withMfa(MfaState.awaiting(session.user().orElseThrow(), Optional.of(next))));
        exchange.redirect(PATH);
    }

    /**
     * The second factor passed: a new session (new ID) signed in with MFA; answers where to go.
     *
     * @param factor its kind as RFC 8176 names it ({@code otp}, {@code hwk}), for OpenID Connect's {@code amr}
     */
    String complete(Exchange exchange, Session session, SignedInUser person, Optional<String> factor) {
        Session signedIn = sessions.signIn(exchange, Optional.of(session), person.withMfa(clock.instant(), factor));
        if (signedIn.pending().isPresent()) {
            return LoginEndpoints.CONTINUE_PATH;
        }
        return session.mfa().next().orElse("/portal");
    }

    public Mfa mfa() {
        return mfa;
    }
}
