package dev.stsbridge.idp.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file to read at start-up: a path (relative paths are resolved against the configuration file's
 * directory) or, written {@code classpath:dev/...}, a resource bundled with stsbridge (the demo LDIF).
 */
public record ResourceRef(Optional<Path> file, Optional<String> classpathResource) {

    static final String CLASSPATH = "classpath:";

    public ResourceRef {
        file = ConfigChecks.optional(file);
        classpathResource = ConfigChecks.optional(classpathResource);
        if (file.isPresent() == classpathResource.isPresent()) {
            throw new IllegalArgumentException("a resource is exactly one of a file or a classpath resource");
        }
        if (file.isPresent() && !Files.isReadable(file.get())) {
            throw new InvalidConfigValueException("", "no readable file " + file.get().toAbsolutePath());
        }
        if (classpathResource.isPresent() && ResourceRef.class.getClassLoader()
                .getResource(classpathResource.get()) == null) {
            throw new InvalidConfigValueException("", "no bundled resource " + classpathResource.get());
        }
    }

    public static ResourceRef ofFile(Path path) {
        return new ResourceRef(Optional.of(path), Optional.empty());
    }

    public static ResourceRef ofClasspath(String resource) {
        return new ResourceRef(Optional.empty(), Optional.of(resource));
    }

    /** Parses {@code classpath:NAME} or a path resolved against {@code baseDirectory}. */
    public static ResourceRef parse(String text, Path baseDirectory) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith(CLASSPATH)) {
            return ofClasspath(text.substring(CLASSPATH.length()));
        }
        return ofFile(baseDirectory.resolve(text).normalize());
    }

    public InputStream open() throws IOException {
        if (file.isPresent()) {
            return Files.newInputStream(file.get());
        }
        InputStream in = ResourceRef.class.getClassLoader().getResourceAsStream(classpathResource.orElseThrow());
        if (in == null) {
            throw new IOException("no bundled resource " + classpathResource.get());
        }
        return in;
    }

    @Override
    public String toString() {
        return file.map(Path::toString).orElseGet(() -> CLASSPATH + classpathResource.orElseThrow());
    }
}
