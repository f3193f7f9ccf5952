package dev.stsbridge.app;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.SigningKeyGenerator;

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

    /** The key store in {@code dataDirectory}, with the password from these variables. */
    public KeyRingStore keyRingStore(Path dataDirectory) {
        return new KeyRingStore(dataDirectory, variables);
    }

    /** The key ring's operations on the store in {@code dataDirectory}, on this clock. */
    public KeyRingService keyRingService(Path dataDirectory) {
        return new KeyRingService(keyRingStore(dataDirectory), new SigningKeyGenerator(clock));
    }

    /** The key store {@code keys/<storeFile>} in {@code dataDirectory} (e.g. the OpenID Connect ring). */
    public KeyRingStore keyRingStore(Path dataDirectory, String storeFile) {
        return new KeyRingStore(dataDirectory, variables, storeFile);
    }

    /** The operations on the ring {@code keys/<storeFile>} in {@code dataDirectory}, on this clock. */
    public KeyRingService keyRingService(Path dataDirectory, String storeFile) {
        return new KeyRingService(keyRingStore(dataDirectory, storeFile), new SigningKeyGenerator(clock));
    }

    /** The real process: {@code System.getenv()}, the UTC system clock, {@code System.out}. */
    public static Environment system() {
        return new Environment(System.getenv(), Clock.systemUTC(), System.out);
    }
}
