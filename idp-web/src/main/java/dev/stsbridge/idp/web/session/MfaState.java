package dev.stsbridge.idp.web.session;

import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.sso.SignedInUser;

/**
 * A session's second-factor step in progress.
 *
 * @param awaiting the person whose password was accepted and who must now pass a second factor (for a step-up,
 *                 the signed-in person); empty when no second factor is being asked for
 * @param next where to go afterwards (a local path)
 * @param challenge the WebAuthn challenge (base64url) of the last passkey page shown; used once
 * @param totpSecret the TOTP secret (base64) being enrolled, until a code from it confirms it
 */
public record MfaState(Optional<SignedInUser> awaiting, Optional<String> next, Optional<String> challenge,
                       Optional<String> totpSecret) {

    public static final MfaState NONE = new MfaState(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public MfaState {
        Objects.requireNonNull(awaiting, "awaiting");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(totpSecret, "totpSecret");
    }

    /** A second factor is asked of {@code person}; afterwards the browser goes to {@code next}. */
    public static MfaState awaiting(SignedInUser person, Optional<String> next) {
        return new MfaState(Optional.of(person), next, Optional.empty(), Optional.empty());
    }

    public MfaState withChallenge(Optional<String> value) {
        return new MfaState(awaiting, next, value, totpSecret);
    }

    public MfaState withTotpSecret(Optional<String> value) {
        return new MfaState(awaiting, next, challenge, value);
    }

    @Override
    public String toString() {
        return "MfaState[" + awaiting.map(SignedInUser::username).orElse("-") + "]";
    }
}
