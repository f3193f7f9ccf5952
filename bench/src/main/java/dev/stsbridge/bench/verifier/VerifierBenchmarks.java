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
 */
public final class VerifierBenchmarks {
    private VerifierBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(AssumeRoleWithSamlBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        double assume = score(results, "assumeRoleWithSaml");
        double rsa = score(results, "rsa2048Verify");
        System.out.printf("%nAssumeRoleWithSAML (full pipeline, 2 threads): %,.0f verifications/s%n", assume);
        System.out.printf("RSA-2048 Signature.verify (same key, 2 threads): %,.0f verifies/s%n", rsa);
        System.out.printf("ratio AssumeRoleWithSAML / RSA-2048 verify: %.3f (%,.0f%% of raw RSA)%n", assume / rsa,
                100 * assume / rsa);
        System.out.printf("cores: %d, load average at end: %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow().getPrimaryResult().getScore();
    }
}
