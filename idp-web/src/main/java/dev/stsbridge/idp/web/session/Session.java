package dev.stsbridge.idp.web.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.sso.SignedInUser;

/**
 * One browser's session with the IdP: before login (it carries the login form's CSRF token and maybe a pending
 * SP-initiated request) and after (it carries the signed-in person too). Immutable; {@link Sessions} makes the
 * changed copies and saves them.
 *
 * @param id the cookie value: 256 random bits, base64url (never logged)
 * @param csrfToken the token every form of this session must send back
 * @param created when the session started (for anonymous sessions, the start of the absolute timeout)
 * @param lastSeen the last request (the idle timeout counts from here)
 * @param user the signed-in person, once logged in
 * @param pending an SP-initiated request waiting for the login
 * @param mfa the second-factor step in progress, if any
 */
public record Session(String id, String csrfToken, Instant created, Instant lastSeen, Optional<SignedInUser> user,
                      Optional<PendingAuthnRequest> pending, MfaState mfa) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(mfa, "mfa");
    }

    /** A session without a second-factor step. */
    public Session(String id, String csrfToken, Instant created, Instant lastSeen, Optional<SignedInUser> user,
                   Optional<PendingAuthnRequest> pending) {
        this(id, csrfToken, created, lastSeen, user, pending, MfaState.NONE);
    }

    public boolean signedIn() {
        return user.isPresent();
    }

    Session seen(Instant now) {
        return new Session(id, csrfToken, created, now, user, pending, mfa);
    }

    public Session withPending(Optional<PendingAuthnRequest> request) {
        return new Session(id, csrfToken, created, lastSeen, user, request, mfa);
    }

    public Session withMfa(MfaState state) {
        return new Session(id, csrfToken, created, lastSeen, user, pending, state);
    }

    @Override
    public String toString() {
        return "Session[" + user.map(SignedInUser::username).orElse("(anonymous)") + ", created " + created + "]";
    }
}
