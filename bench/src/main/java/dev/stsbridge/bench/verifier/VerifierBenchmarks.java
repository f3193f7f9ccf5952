package dev.stsbridge.bench.verifier;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AssumeRoleWithSamlBenchmark} and prints both figures and their ratio:
 * {@code java -cp bench/target/benchmarks.jar dev.stsbridge.bench.verifier.VerifierBenchmarks}.
 * {@link VerifierHttpBenchmark} ({@code bench/run verifier}) runs it too, and adds the HTTP figures.
 */
public final class VerifierBenchmarks {
    private VerifierBenchmarks() {
    }

    /** The in-process figures: AssumeRoleWithSAML and raw RSA-2048 verifications per second (2 threads each). */
    record InProcess(double assumeRoleWithSaml, double rsa2048Verify) {
        double ratio() {
            return assumeRoleWithSaml / rsa2048Verify;
        }
    }

    public static void main(String[] args) throws RunnerException {
        InProcess figures = measure();
        System.out.printf("%nAssumeRoleWithSAML (full pipeline, 2 threads): %,.0f verifications/s%n",
                figures.assumeRoleWithSaml());
        System.out.printf("RSA-2048 Signature.verify (same key, 2 threads): %,.0f verifies/s%n", figures.rsa2048Verify());
        System.out.printf("ratio AssumeRoleWithSAML / RSA-2048 verify: %.3f (%,.0f%% of raw RSA)%n", figures.ratio(),
                100 * figures.ratio());
        System.out.printf("cores: %d, load average at end: %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Runs the JMH benchmark (in its own forked JVM) and returns both scores. */
    static InProcess measure() throws RunnerException {
        Options options = new OptionsBuilder().include(AssumeRoleWithSamlBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        return new InProcess(score(results, "assumeRoleWithSaml"), score(results, "rsa2048Verify"));
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow().getPrimaryResult().getScore();
    }
}
