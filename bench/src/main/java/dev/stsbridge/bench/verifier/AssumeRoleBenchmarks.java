package dev.stsbridge.bench.verifier;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AssumeRoleBenchmark} and prints the figure with the machine it ran on:
 * {@code bench/run assume-role} ({@code java -cp bench/target/benchmarks.jar
 * dev.stsbridge.bench.verifier.AssumeRoleBenchmarks}).
 */
public final class AssumeRoleBenchmarks {
    private AssumeRoleBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        double before = load();
        RunResult result = new Runner(new OptionsBuilder().include(AssumeRoleBenchmark.class.getName()).build())
                .runSingle();
        System.out.printf("%nAssumeRole (cross-account, ExternalId, 2 session tags, 2 threads, in process): "
                + "%,.0f ± %,.0f calls/s%n", result.getPrimaryResult().getScore(),
                result.getPrimaryResult().getScoreError());
        System.out.printf("machine: %d cores, %s; %s %s; load average %.2f before, %.2f after%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), before, load());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("CPU unknown");
        } catch (IOException e) {
            return "CPU unknown";
        }
    }
}
