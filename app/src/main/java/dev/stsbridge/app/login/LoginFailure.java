package dev.stsbridge.app.login;

/**
 * Why a command-line sign-in stopped, in one line for the person at the terminal.
 *
 * @see Kind
 */
public final class LoginFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What failed: the password, the person's roles, the IdP's answer, STS, or the local files. */
    public enum Kind { WRONG_PASSWORD, NO_ROLE, IDP_REFUSED, STS_REFUSED, LOCAL, EXPIRED }

    private final Kind kind;

    public LoginFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    public LoginFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
