package dev.stsbridge.idp.mfa;

import java.util.function.UnaryOperator;

/**
 * Where MFA enrollments live: username (ignoring case) -> {@link Enrollment}. The default keeps one encrypted file
 * per person in the data directory ({@link FileEnrollmentStore}); a shared database can implement this for several
 * IdP nodes. Implementations must be thread-safe, keep TOTP secrets and passkey keys encrypted or otherwise
 * protected at rest, and make {@link #update} atomic per person (it carries the TOTP replay guard and the passkey
 * signature counter: two nodes must never both accept the same code).
 */
public interface EnrollmentStore {

    /** The person's factors; {@link Enrollment#none} when they enrolled nothing. */
    Enrollment find(String username);

    /**
     * Reads the person's enrollment, applies {@code change} and saves the result, as one atomic step per person;
     * returns what was saved. A {@code change} that throws leaves the enrollment as it was.
     */
    Enrollment update(String username, UnaryOperator<Enrollment> change);
}
