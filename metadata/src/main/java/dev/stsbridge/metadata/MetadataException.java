package dev.stsbridge.metadata;

import java.util.Objects;

/**
 * A metadata document that cannot be used, with a one-line reason and the {@link Kind} of problem, which the
 * command turns into its exit code (2 not well-formed or schema-invalid, 3 signature, 4 AWS rule, 1 other).
 */
public final class MetadataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem the document has. */
    public enum Kind {
        NOT_WELL_FORMED,
        SCHEMA_INVALID,
        SIGNATURE_MISSING,
        SIGNATURE_INVALID,
        AWS_RULE_BROKEN,
        /** The document is fine as XML but cannot be used for what was asked (e.g. it is already signed). */
        UNUSABLE
    }

    private final Kind kind;

    public MetadataException(Kind kind, String message) {
        this(kind, message, null);
    }

    public MetadataException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
