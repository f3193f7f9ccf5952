package dev.stsbridge.bench.idp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.stsbridge.idp.crypto.CryptoProviders;

/**
 * {@code bench/run idp}: runs {@link IdpSigningBenchmark} with JMH, then {@code openssl speed -seconds 3 rsa2048}
 * (single thread) unless {@code --no-openssl}, then a CPU-time check, and prints the machine, the rates and their
 * ratios. Other arguments are passed to JMH (e.g. {@code -f 2 -i 10}, or a benchmark regex).
 *
 * <p>Why a CPU-time check: {@code openssl speed} divides by the user CPU time it used (not the wall-clock time
 * unless {@code -elapsed}), so its figure holds on a busy machine while JMH's wall-clock rates fall. The check
 * runs the same benchmark methods in this JVM, alternating signed responses and raw signatures in small batches,
 * and divides by this thread's CPU time: a figure comparable with OpenSSL's whatever else the machine does.
 */
public final class IdpBenchmarks {

    private static final Pattern OPENSSL_RSA2048 =
            Pattern.compile("(?m)^rsa\\s+2048 bits\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)");

    private IdpBenchmarks() {
    }

    public static void main(String[] args)
            throws RunnerException, CommandLineOptionException, GeneralSecurityException {
        boolean openssl = !List.of(args).contains("--no-openssl");
        String[] jmhArgs = List.of(args).stream().filter(a -> !a.equals("--no-openssl")).toArray(String[]::new);
        CommandLineOptions commandLine = new CommandLineOptions(jmhArgs);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            builder.include(IdpSigningBenchmark.class.getName() + "\\..*");
        }
        Options options = builder.build();
        double loadBefore = load();
        Collection<RunResult> results = new Runner(options).run();
        Optional<Double> opensslRate = openssl ? opensslRsa2048() : Optional.empty();
        report(results, opensslRate, loadBefore);
        cpuTimeCheck(opensslRate);
    }

    /**
     * Signed responses and raw signatures per CPU-second of this thread: after 25 s of both for the JIT (on a busy
     * machine the compiler threads are slow to get a core), 100 rounds of 20
     * responses then 20 raw signatures; the median CPU time per operation over the rounds, so that a round slowed
     * by a neighbour on the same core does not count.
     */
    private static void cpuTimeCheck(Optional<Double> opensslRate) throws GeneralSecurityException {
        IdpSigningBenchmark benchmark = new IdpSigningBenchmark();
        benchmark.setUp();
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (System.nanoTime() < warmUpEnd) {
            benchmark.signedResponseRsa2048();
            benchmark.rawSignatureRsa2048();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] responseCpu = new long[100];
        long[] rawCpu = new long[100];
        for (int round = 0; round < 100; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) {
                benchmark.signedResponseRsa2048();
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) {
                benchmark.rawSignatureRsa2048();
            }
            responseCpu[round] = middle - start;
            rawCpu[round] = threads.getCurrentThreadCpuTime() - middle;
        }
        double responseNanos = median(responseCpu) / 20;
        double rawNanos = median(rawCpu) / 20;
        System.out.println("CPU-time check (per CPU-second of one thread, as openssl speed counts; median of 100 "
                + "rounds of 20 + 20, interleaved):");
        System.out.printf(Locale.ROOT, "  signed AWS responses/CPU-s, RSA-2048: %.1f; raw signatures/CPU-s: %.1f; "
                + "ratio %.2f; CPU outside RSA per response: %.0f us%n", 1e9 / responseNanos, 1e9 / rawNanos,
                rawNanos / responseNanos, (responseNanos - rawNanos) / 1e3);
        opensslRate.ifPresent(rate -> System.out.printf(Locale.ROOT,
                "  ratio responses / OpenSSL signatures (RSA-2048), both per CPU-second: %.2f (target >= 0.50)%n",
                1e9 / responseNanos / rate));
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static void report(Collection<RunResult> results, Optional<Double> opensslRate, double loadBefore) {
        System.out.println();
        System.out.println("== stsbridge IdP signing benchmark (1 thread) ==");
        System.out.println("machine:   " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel()
                + String.format(Locale.ROOT, ", load average %.2f before / %.2f after", loadBefore, load()));
        System.out.println("JVM:       " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + "), forks with -Xms1g -Xmx1g");
        System.out.println("provider:  " + CryptoProviders.describe());
        Optional<Score> responses2048 = score(results, "signedResponseRsa2048");
        Optional<Score> raw2048 = score(results, "rawSignatureRsa2048");
        line("signed AWS responses/s, RSA-2048 (build+sign+serialise+base64)", responses2048);
        line("signed AWS responses/s, RSA-3072", score(results, "signedResponseRsa3072"));
        line("raw SHA256withRSA signatures/s, RSA-2048 (same key, provider)", raw2048);
        line("OpenSAML reference path responses/s, RSA-2048", score(results, "openSamlReferenceRsa2048"));
        if (responses2048.isPresent() && raw2048.isPresent()) {
            System.out.printf(Locale.ROOT, "ratio responses / raw signatures (RSA-2048):        %.2f%n",
                    responses2048.get().value() / raw2048.get().value());
        }
        opensslRate.ifPresent(rate -> {
            System.out.printf(Locale.ROOT, "openssl speed -seconds 3 rsa2048 (1 thread):       %.1f sign/s%n", rate);
            responses2048.ifPresent(r -> System.out.printf(Locale.ROOT,
                    "ratio responses / OpenSSL signatures (RSA-2048):   %.2f (target >= 0.50)%n", r.value() / rate));
        });
    }

    private record Score(double value, double error) {
    }

    private static Optional<Score> score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .map(r -> new Score(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
    }

    private static void line(String label, Optional<Score> score) {
        score.ifPresent(s -> System.out.printf(Locale.ROOT, "%-68s %9.1f ± %.1f%n", label + ":", s.value(), s.error()));
    }

    private static Optional<Double> opensslRsa2048() {
        try {
            Process process = new ProcessBuilder("openssl", "speed", "-seconds", "3", "rsa2048")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                System.out.println("openssl speed failed: " + output);
                return Optional.empty();
            }
            Matcher matcher = OPENSSL_RSA2048.matcher(output);
            return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            System.out.println("openssl is not installed; no OpenSSL comparison (" + e.getMessage() + ")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU (" + e.getMessage() + ")";
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
