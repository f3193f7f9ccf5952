package dev.stsbridge.idp.config;

import java.util.Objects;

/**
 * A configuration file that cannot be used, with where and why:
 * {@code stsbridge.yaml line 12: aws.accounts[1].id: must be 12 digits, was "1234"}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String key;
    private final String problem;

    public ConfigException(String source, int line, String key, String problem) {
        super(format(source, line, key, problem));
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.key = Objects.requireNonNull(key, "key");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String source, int line, String key, String problem) {
        String where = line > 0 ? source + " line " + line : source;
        return key.isEmpty() ? where + ": " + problem : where + ": " + key + ": " + problem;
    }

    /** The file name (or resource name) the configuration came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the offending key, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The full key, e.g. {@code aws.accounts[1].id}; empty for the whole file. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
