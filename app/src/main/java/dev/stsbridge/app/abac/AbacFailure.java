package dev.stsbridge.app.abac;

/** The check could not be made: the reason, in one line, and what kind of failure it is. */
public final class AbacFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The person may not use the role (or it does not exist). */
        NOT_ENTITLED,
        /** The IdP's pre-flight check refused the claims (AWS would refuse them). */
        IDP_REFUSED,
        /** STS refused the assertion (trust policy, tag rules, signature, ...). */
        STS_REFUSED,
        /** The AWS endpoint did not answer. */
        UNREACHABLE,
        /** IAM answered an error (the simulator, or reading the policies), or there are no keys for the account. */
        IAM_ERROR
    }

    private final Kind kind;

    public AbacFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public AbacFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
