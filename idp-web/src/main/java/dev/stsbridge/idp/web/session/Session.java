package dev.stsbridge.idp.web.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * @param participants the SPs (other than AWS's sign-in) that got an assertion in this session, for single logout;
 *                     in a logout under way (a session without user, addressed by the RelayState of the
 *                     IdP's LogoutRequests), each one's step
 */
public record Session(String id, String csrfToken, Instant created, Instant lastSeen, Optional<SignedInUser> user,
                      Optional<PendingAuthnRequest> pending, MfaState mfa, List<SpParticipant> participants) {
    public Session {
        participants = participants == null ? List.of() : List.copyOf(participants); // null: a row stored before SLO
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

    /** A session that sent no assertion to an SP yet. */
    public Session(String id, String csrfToken, Instant created, Instant lastSeen, Optional<SignedInUser> user,
                   Optional<PendingAuthnRequest> pending, MfaState mfa) {
        this(id, csrfToken, created, lastSeen, user, pending, mfa, List.of());
    }

    public boolean signedIn() {
        return user.isPresent();
    }

    Session seen(Instant now) {
        return new Session(id, csrfToken, created, now, user, pending, mfa, participants);
    }

    public Session withPending(Optional<PendingAuthnRequest> request) {
        return new Session(id, csrfToken, created, lastSeen, user, request, mfa, participants);
    }

    public Session withMfa(MfaState state) {
        return new Session(id, csrfToken, created, lastSeen, user, pending, state, participants);
    }

    /** This SP's participation, replacing an earlier one of the same SP (the latest NameID and SessionIndex). */
    public Session withParticipant(SpParticipant participant) {
        List<SpParticipant> changed = new ArrayList<>(participants.size() + 1);
        participants.stream().filter(p -> !p.spEntityId().equals(participant.spEntityId())).forEach(changed::add);
        changed.add(participant);
        return withParticipants(changed);
    }

    public Session withParticipants(List<SpParticipant> changed) {
        return new Session(id, csrfToken, created, lastSeen, user, pending, mfa, changed);
    }

    /** The participation of this SP, if it got an assertion in this session. */
    public Optional<SpParticipant> participant(String spEntityId) {
        return participants.stream().filter(p -> p.spEntityId().equals(spEntityId)).findFirst();
    }

    @Override
    public String toString() {
        return "Session[" + user.map(SignedInUser::username).orElse("(anonymous)") + ", created " + created + "]";
    }
}
