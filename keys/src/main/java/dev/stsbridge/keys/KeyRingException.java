package dev.stsbridge.keys;

import java.util.Objects;

/**
 * A key ring operation that cannot be done, with a one-line message meant for the operator (the command
 * prints it as it is, without a stack trace). The {@link Reason} lets callers and tests tell the cases apart.
 */
public final class KeyRingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        /** There is no key store yet. */
        MISSING,
        /** The key store password is wrong. */
        WRONG_PASSWORD,
        /** No password: neither the environment variable nor the password file. */
        NO_PASSWORD,
        /** The key store is not a readable PKCS#12 file (truncated, damaged, something else). */
        CORRUPT,
        /** The key store or its directory cannot be written or read. */
        IO,
        /** The operation would overwrite or duplicate keys (a ring exists, a next key exists). */
        CONFLICT,
        /** The operation needs a key that the ring does not have (e.g. promote without a next key). */
        NOTHING_TO_DO
    }

    private final Reason reason;

    public KeyRingException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public KeyRingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
