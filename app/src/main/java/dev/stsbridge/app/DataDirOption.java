package dev.stsbridge.app;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --data-dir} alone, for commands that need nothing else about the IdP. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory with the keys (default: ${DEFAULT-VALUE}, in the current directory).")
    Path dataDirectory;

    public Path dataDirectory() {
        return dataDirectory;
    }
}
