package dev.stsbridge.app;

import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may take from the process: environment variables (the key store password), the clock, and
 * standard output as bytes (for documents that must be written exactly, such as signed metadata). Tests pass
 * their own.
 */
public record Environment(Map<String, String> variables, Clock clock, OutputStream stdout) {
    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stdout, "stdout");
    }

    /** The real process: {@code System.getenv()}, the UTC system clock, {@code System.out}. */
    public static Environment system() {
        return new Environment(System.getenv(), Clock.systemUTC(), System.out);
    }
}
