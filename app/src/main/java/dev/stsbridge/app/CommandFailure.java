package dev.stsbridge.app;

/**
 * A command that cannot do what was asked: the one-line reason goes to stderr (without a stack trace unless
 * {@code --verbose}) and the process exits with {@link #exitCode()}.
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
