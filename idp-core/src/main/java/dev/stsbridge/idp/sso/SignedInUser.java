package dev.stsbridge.idp.sso;

import java.time.Instant;
import java.util.Objects;

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
 */
public record SignedInUser(DirectoryUser user, Instant authnInstant, String authnContextClassRef,
                           String sessionIndex, Instant sessionNotOnOrAfter) {
    public SignedInUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authnInstant, "authnInstant");
        Objects.requireNonNull(authnContextClassRef, "authnContextClassRef");
        Objects.requireNonNull(sessionIndex, "sessionIndex");
        Objects.requireNonNull(sessionNotOnOrAfter, "sessionNotOnOrAfter");
        if (!sessionNotOnOrAfter.isAfter(authnInstant)) {
            throw new IllegalArgumentException("an IdP session must end after it starts");
        }
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

    /** The same login naming another class in assertions (one the login satisfies, as RequestedAuthnContext asks). */
    public SignedInUser naming(String classRef) {
        return new SignedInUser(user, authnInstant, classRef, sessionIndex, sessionNotOnOrAfter);
    }
}
