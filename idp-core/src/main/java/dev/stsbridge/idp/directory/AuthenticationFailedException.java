package dev.stsbridge.idp.directory;

/**
 * The username or the password is wrong. The message is the same whichever it was, so that a login form
 * cannot be used to find out which usernames exist.
 */
public final class AuthenticationFailedException extends DirectoryException {
    private static final long serialVersionUID = 1L;

    /** The one message for every failed login. */
    public static final String MESSAGE = "Invalid username or password";

    public AuthenticationFailedException() {
        super(MESSAGE, null);
    }
}
