package dev.stsbridge.idp.sso;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.assertion.AssertionRequest;
import dev.stsbridge.idp.directory.DirectoryUser;

/**
 * A person after a successful login: who they are, and how and when they authenticated (the assertion's
 * AuthnStatement says so).
 *
 * @param user the directory entry, as looked up at login
 * @param authnInstant when the password was checked
 * @param authnContextClassRef how: the REFEDS MFA profile after a second factor, else
 *                             {@code PasswordProtectedTransport} over TLS, {@code Password} otherwise
 * @param sessionIndex the IdP session this login opened (AuthnStatement SessionIndex)
 * @param sessionNotOnOrAfter when that IdP session ends (AuthnStatement SessionNotOnOrAfter)
 * @param secondFactor the kind of second factor passed, as RFC 8176 names it ({@code otp} for TOTP, {@code hwk} for a
 *                     passkey); empty without one, or after a recovery code (which RFC 8176 has no value for)
 */
public record SignedInUser(DirectoryUser user, Instant authnInstant, String authnContextClassRef,
                           String sessionIndex, Instant sessionNotOnOrAfter, Optional<String> secondFactor) {
    public SignedInUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authnInstant, "authnInstant");
        Objects.requireNonNull(authnContextClassRef, "authnContextClassRef");
        Objects.requireNonNull(sessionIndex, "sessionIndex");
        Objects.requireNonNull(sessionNotOnOrAfter, "sessionNotOnOrAfter");
        Objects.requireNonNull(secondFactor, "secondFactor");
        if (!sessionNotOnOrAfter.isAfter(authnInstant)) {
            throw new IllegalArgumentException("an IdP session must end after it starts");
        }
    }

    /** A login without a second factor's kind recorded. */
    public SignedInUser(DirectoryUser user, Instant authnInstant, String authnContextClassRef, String sessionIndex,
                        Instant sessionNotOnOrAfter) {
        this(user, authnInstant, authnContextClassRef, sessionIndex, sessionNotOnOrAfter, Optional.empty());
    }

    public String username() {
        return user.username();
    }

    /** Whether the login included a second factor. */
    public boolean mfa() {
        return authnContextClassRef.equals(AssertionRequest.REFEDS_MFA);
    }

    /** The same login after a second factor at {@code now} (the AuthnInstant of the MFA step). */
    public SignedInUser withMfa(Instant now) {
        return new SignedInUser(user, now, AssertionRequest.REFEDS_MFA, sessionIndex, sessionNotOnOrAfter);
    }

    /** The same after a second factor of this kind ({@code otp}, {@code hwk}; RFC 8176) at {@code now}. */
    public SignedInUser withMfa(Instant now, Optional<String> factor) {
        return new SignedInUser(user, now, AssertionRequest.REFEDS_MFA, sessionIndex, sessionNotOnOrAfter, factor);
    }

    /** The same login naming another class in assertions (one the login satisfies, as RequestedAuthnContext asks). */
    public SignedInUser naming(String classRef) {
        return new SignedInUser(user, authnInstant, classRef, sessionIndex, sessionNotOnOrAfter, secondFactor);
    }
}
