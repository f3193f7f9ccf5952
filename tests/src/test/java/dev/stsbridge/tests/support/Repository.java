package dev.stsbridge.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/** Paths in the checkout: the repository root, the runnable jar, scripts under {@code tests/}. */
public final class Repository {

    private Repository() {
    }

    /** The repository root: {@code -Dstsbridge.repository} (set by the tests pom), else found from the working dir. */
    public static Path root() {
        String configured = System.getProperty("stsbridge.repository");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("app/pom.xml")) && Files.exists(dir.resolve("tests/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }

    /**
     * {@code app/target/stsbridge.jar}, failing unless it exists and is newer than every compiled class of module
     * app (the tests module runs after app is packaged: {@code mvn verify}, or {@code ./test}).
     */
    public static Path stsbridgeJar() {
        Path jar = root().resolve("app/target/stsbridge.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: these tests run the packaged command; run 'mvn -B verify' "
                    + "(./test), which packages module app before the tests module runs");
        }
        FileTime built = modified(jar);
        try (Stream<Path> classes = Files.walk(root().resolve("app/target/classes"))) {
            classes.filter(Files::isRegularFile).filter(c -> modified(c).compareTo(built) > 0).findAny()
                    .ifPresent(newer -> {
                        throw new AssertionError(jar + " is older than " + newer + ": run 'mvn -B verify' (./test) "
                                + "so that the jar is packaged again before these tests");
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** The {@code java} that runs these tests. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
