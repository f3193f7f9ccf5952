package dev.stsbridge.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import picocli.CommandLine;

/** Runs {@code stsbridge ...} in-process with a fixed clock and captured output. */
record CommandRun(int exitCode, String out, String err, byte[] stdoutBytes) {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static CommandRun run(Map<String, String> variables, String... args) {
        return run(Clock.fixed(NOW, ZoneOffset.UTC), variables, args);
    }

    /** With this clock, e.g. the system's, when the command talks to a server that checks times (the verifier). */
    static CommandRun run(Clock clock, Map<String, String> variables, String... args) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        CommandLine commandLine = Main.commandLine(new Environment(variables, clock, raw));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString(), raw.toByteArray());
    }

    static CommandRun run(String... args) {
        return run(Map.of(), args);
    }

    String stdoutText() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
