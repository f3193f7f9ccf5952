package dev.stsbridge.tests.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Child processes for tests, with a timeout on everything and no leaks: output goes to files (no pipe can fill up
 * and block the child), and a process that overstays its timeout, or a background one that is closed, is stopped
 * together with its descendants (SIGTERM, then SIGKILL after 5 s).
 *
 * <pre>{@code
 * Processes.Result r = Processes.command("/usr/bin/xmlsec1", "--version").timeout(Duration.ofSeconds(30)).run();
 * try (Processes.Running server = Processes.command("java", "-jar", jar, "verifier", "--port", "0").start()) {
 *     server.awaitOutput("Press Ctrl-C to stop.", Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class Processes {

    /** How long {@link Builder#run()} waits unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private Processes() {
    }

    public static Builder command(String... command) {
        return new Builder(List.of(command));
    }

    public static Builder command(List<String> command) {
        return new Builder(command);
    }

    /** What ran and what it printed. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public Result {
            command = List.copyOf(command);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n-> exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n"
                    + stderr;
        }
    }

    /** A command to run: its environment, directory, input and timeout. */
    public static final class Builder {
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<Predicate<String>> removed = new ArrayList<>();
        private Optional<Path> directory = Optional.empty();
        private Duration timeout = DEFAULT_TIMEOUT;
        private byte[] stdin = new byte[0];

        private Builder(List<String> command) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no command");
            }
            this.command = List.copyOf(command);
        }

        /** Sets (or overrides) one variable of the inherited environment. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** Removes the inherited variables whose names match, e.g. {@code n -> n.startsWith("AWS_")}. */
        public Builder removeEnvironment(Predicate<String> names) {
            removed.add(names);
            return this;
        }

        public Builder directory(Path value) {
            directory = Optional.of(value);
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder stdin(byte[] value) {
            stdin = value.clone();
            return this;
        }

        /** Runs to the end; an overstay stops the process tree and fails with what it printed so far. */
        public Result run() {
            Running running = start();
            try {
                if (!running.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    Result partial = running.result(-1);
                    running.close();
                    throw new AssertionError("timed out after " + timeout + ": " + partial);
                }
                return running.result(running.process.exitValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted: " + String.join(" ", command), e);
            } finally {
                running.close();
            }
        }

        /** Starts in the background; close the {@link Running} to stop it and its descendants. */
        public Running start() {
            try {
                Path output = Files.createTempDirectory("stsbridge-process-");
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(output.resolve("stdout").toFile())
                        .redirectError(output.resolve("stderr").toFile());
                directory.ifPresent(d -> builder.directory(d.toFile()));
                removed.forEach(p -> builder.environment().keySet().removeIf(p));
                builder.environment().putAll(environment);
                Process process = builder.start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException e) {
                    // the child does not read its input: nothing to give it
                }
                return new Running(command, process, output);
            } catch (IOException e) {
                throw new AssertionError("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
            }
        }
    }

    /** A process running in the background (a server): read its output, wait for a line, stop it. */
    public static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final Path output;
        private final Thread reaper;

        private Running(List<String> command, Process process, Path output) {
            this.command = command;
            this.process = process;
            this.output = output;
            this.reaper = new Thread(() -> stopTree(process), "stop " + command.get(0));
            Runtime.getRuntime().addShutdownHook(reaper);
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public String stdout() {
            return read("stdout");
        }

        public String stderr() {
            return read("stderr");
        }

        /**
         * Waits until standard output contains {@code text}; fails when the process exits first or the time is up.
         *
         * @return the standard output so far
         */
        public String awaitOutput(String text, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String out = stdout();
                if (out.contains(text)) {
                    return out;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("exited before printing '" + text + "': " + result(process.exitValue()));
                }
                sleep(50);
            }
            throw new AssertionError("did not print '" + text + "' within " + timeout + ": " + result(-1));
        }

        /** Stops the process and its descendants (SIGTERM, SIGKILL after 5 s) and deletes the captured output. */
        @Override
        public void close() {
            stopTree(process);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
            deleteOutput();
        }

        Result result(int exitCode) {
            return new Result(command, exitCode, stdout(), stderr());
        }

        private String read(String name) {
            try {
                Path file = output.resolve(name);
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void deleteOutput() {
            try {
                Files.deleteIfExists(output.resolve("stdout"));
                Files.deleteIfExists(output.resolve("stderr"));
                Files.deleteIfExists(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void stopTree(Process process) {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + GRACE.toNanos();
            for (ProcessHandle handle : tree) {
                try {
                    handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
