package dev.stsbridge.app;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/** Where a command's IdP configuration comes from: the bundled demo, or a file (an exclusive picocli group). */
public final class DemoOrConfig {
    @Option(names = "--demo", required = true,
            description = "Use the bundled demo configuration and directory (alice, bob, carol).")
    boolean demo;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "Use this stsbridge.yaml; the user authenticates with their password.")
    Optional<Path> config = Optional.empty();

    public boolean demo() {
        return demo;
    }

    public Optional<Path> config() {
        return config;
    }
}
