package dev.stsbridge.app;

import dev.stsbridge.keys.KeyRingException;
import dev.stsbridge.metadata.MetadataException;

/**
 * The exit codes of every command: 0 ok, 1 any error; {@code metadata verify} (and the other metadata commands)
 * also use 2 (not well-formed or schema-invalid), 3 (signature missing or invalid) and 4 (AWS upload rule
 * broken); {@code assertion} and {@code abac} use 4 when the pre-flight check refuses (AWS would refuse the
 * assertion); {@code abac} uses 5 when the policies deny the action (implicitDeny or explicitDeny). Usage errors
 * exit with 1 too, so that 2 keeps its meaning.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int MALFORMED = 2;
    public static final int SIGNATURE = 3;
    public static final int AWS_RULE = 4;
    public static final int DENIED = 5;

    private ExitCodes() {
    }

    /** The exit code and message for an exception that reached the top of a command. */
    static CommandFailure failure(Throwable e) {
        if (e instanceof CommandFailure failure) {
            return failure;
        }
        if (e instanceof MetadataException metadata) {
            return new CommandFailure(of(metadata.kind()), metadata.getMessage(), metadata);
        }
        if (e instanceof KeyRingException || e instanceof IllegalArgumentException
                || e instanceof dev.stsbridge.idp.config.ConfigException) {
            return new CommandFailure(ERROR, e.getMessage(), e);
        }
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return new CommandFailure(ERROR, "unexpected error: " + message + " (run with --verbose for details)", e);
    }

    static int of(MetadataException.Kind kind) {
        return switch (kind) {
            case NOT_WELL_FORMED, SCHEMA_INVALID -> MALFORMED;
            case SIGNATURE_MISSING, SIGNATURE_INVALID -> SIGNATURE;
            case AWS_RULE_BROKEN -> AWS_RULE;
            case UNUSABLE -> ERROR;
        };
    }
}
