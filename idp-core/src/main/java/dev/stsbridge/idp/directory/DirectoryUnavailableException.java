package dev.stsbridge.idp.directory;

/**
 * The directory did not answer (down, unreachable, timed out, TLS refused) or refused the IdP's own service
 * account; the message says which server and what happened. Nothing about the user's credentials is known.
 */
public final class DirectoryUnavailableException extends DirectoryException {
    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DirectoryUnavailableException(String message) {
        super(message, null);
    }
}
