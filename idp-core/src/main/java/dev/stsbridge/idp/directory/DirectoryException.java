package dev.stsbridge.idp.directory;

/** Why the directory could not give an answer about a person: the credentials, or the directory itself. */
public abstract sealed class DirectoryException extends Exception
        permits AuthenticationFailedException, DirectoryUnavailableException {
    private static final long serialVersionUID = 1L;

    DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
