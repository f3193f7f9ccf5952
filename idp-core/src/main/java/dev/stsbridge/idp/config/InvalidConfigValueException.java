package dev.stsbridge.idp.config;

import java.util.Objects;

/**
 * Thrown by a configuration record's constructor when a value is wrong. The key is relative to the record
 * ({@code "id"}, {@code "roles[2].account"}, or {@code ""} for the value itself); the loader prefixes the
 * record's own path and adds the file and line (see {@link ConfigException}).
 */
public final class InvalidConfigValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    public InvalidConfigValueException(String key, String problem) {
        super(key.isEmpty() ? problem : key + ": " + problem);
        this.key = Objects.requireNonNull(key, "key");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The key relative to the record that refused it; empty when the refused value is the record itself. */
    public String key() {
        return key;
    }

    /** What is wrong, e.g. {@code must be 12 digits, was "1234"}. */
    public String problem() {
        return problem;
    }
}
