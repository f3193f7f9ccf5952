package dev.stsbridge.bench.verifier;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.openjdk.jmh.runner.RunnerException;

import com.sun.management.OperatingSystemMXBean;

/**
 * {@code bench/run verifier}: AssumeRoleWithSAML over HTTP with N concurrent clients, and in the same run the
 * in-process figure and raw RSA-2048 verify/s ({@link VerifierBenchmarks}, JMH) for the ratios.
 *
 * <p>Set-up: the verifier runs in a separate JVM ({@link VerifierProcess}, heap fixed at 1 GB) on 127.0.0.1; our IdP
 * (in this JVM) signs alice's response with an RSA-2048 key and its metadata is registered as the SAML provider,
 * with a role whose trust policy allows it. The driver ({@link HttpLoad}) posts the same AssumeRoleWithSAML form
 * (the verifier does not enforce one-time use, like AWS) from each client in a closed loop: first a warm-up at the
 * highest client count (the pipeline is a lot of code for the JIT), then per client level 5 s to settle and the
 * measured period. Each phase gets a fresh assertion (AWS's rule: at most 5 minutes old). Options:
 * {@code --clients 1,4,16} (the default), {@code --seconds 20}, {@code --warmup 60}, {@code --no-in-process},
 * {@code --server-jvm '<options>'} (added to the verifier JVM's, e.g. a JFR recording).
 */
public final class VerifierHttpBenchmark {

    private static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(270);
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private VerifierHttpBenchmark() {
    }

    record Settings(List<Integer> clients, Duration warmup, Duration measure, boolean inProcess,
                    List<String> serverJvmOptions) {
        static Settings parse(String[] args) {
            List<Integer> clients = List.of(1, 4, 16);
            Duration warmup = Duration.ofSeconds(60);
            Duration measure = Duration.ofSeconds(20);
            boolean inProcess = true;
            List<String> serverJvmOptions = List.of();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--server-jvm" -> serverJvmOptions = List.of(args[++i].split(" +"));
                    case "--clients" -> clients = List.of(args[++i].split(",")).stream().map(Integer::parseInt).toList();
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--no-in-process" -> inProcess = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --clients "
                            + "N[,N...] --seconds T --warmup W --no-in-process --server-jvm '<JVM options>'");
                }
            }
            if (warmup.compareTo(ASSERTION_LIFETIME) > 0 || SETTLE.plus(measure).compareTo(ASSERTION_LIFETIME) > 0) {
                throw new IllegalArgumentException("--warmup and 5 s + --seconds must each stay within "
                        + ASSERTION_LIFETIME.toSeconds() + " s: the verifier refuses assertions older than 5 minutes");
            }
            return new Settings(clients, warmup, measure, inProcess, serverJvmOptions);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        Settings settings = Settings.parse(args);
        double loadBefore = load();
        Optional<VerifierBenchmarks.InProcess> inProcess = settings.inProcess()
                ? Optional.of(VerifierBenchmarks.measure()) : Optional.empty();
        Path work = Files.createTempDirectory("stsbridge-bench-verifier-");
        List<Level> levels = new ArrayList<>();
        try (IdpAssertions idp = IdpAssertions.start(work.resolve("idp"))) {
            Path metadata = Files.write(work.resolve("idp-metadata.xml"), idp.signedMetadata());
            try (VerifierProcess verifier = VerifierProcess.start(work, metadata, settings.serverJvmOptions())) {
                checkThatATamperedAssertionIsRefused(verifier, idp.aliceResponse());
                int most = settings.clients().stream().mapToInt(Integer::intValue).max().orElseThrow();
                System.out.printf(Locale.ROOT, "warm-up: %d clients for %d s ...%n", most, settings.warmup().toSeconds());
                new HttpLoad().run(HttpLoad.post(verifier.endpoint(), form(verifier, idp.aliceResponse())),
                        VerifierHttpBenchmark::issued, most, settings.warmup());
                for (int clients : settings.clients()) {
                    levels.add(level(verifier, idp.aliceResponse(), clients, settings));
                }
            }
        }
        deleteTree(work);
        report(settings, inProcess, levels, loadBefore);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** One client level: its load result, and the CPU the server and this driver used while measured. */
    record Level(HttpLoad.Result result, Duration serverCpu, Duration driverCpu, int formBytes) {
    }

    private static Level level(VerifierProcess verifier, String samlResponse, int clients, Settings settings) {
        HttpLoad load = new HttpLoad();
        String form = form(verifier, samlResponse);
        HttpRequest request = HttpLoad.post(verifier.endpoint(), form);
        load.run(request, VerifierHttpBenchmark::issued, clients, SETTLE);
        System.out.printf(Locale.ROOT, "%d clients: measuring %d s ...%n", clients, settings.measure().toSeconds());
        Duration serverBefore = verifier.cpuTime();
        long driverBefore = processCpuNanos();
        HttpLoad.Result result = load.run(request, VerifierHttpBenchmark::issued, clients, settings.measure());
        return new Level(result, verifier.cpuTime().minus(serverBefore),
                Duration.ofNanos(processCpuNanos() - driverBefore), form.length());
    }

    /** A sanity check that the server really verifies: one changed character gets InvalidIdentityToken. */
    private static void checkThatATamperedAssertionIsRefused(VerifierProcess verifier, String samlResponse)
            throws IOException, InterruptedException {
        String xml = new String(Base64.getDecoder().decode(samlResponse), StandardCharsets.UTF_8);
        String tampered = Base64.getEncoder().encodeToString(xml.replace(">alice@example.com<", ">alicf@example.com<")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refused = new HttpLoad().sendOnce(HttpLoad.post(verifier.endpoint(),
                form(verifier, tampered)));
        if (refused.statusCode() != 400 || !refused.body().contains("<Code>InvalidIdentityToken</Code>")) {
            throw new IllegalStateException("the verifier did not refuse a tampered assertion: " + refused.statusCode()
                    + " " + refused.body());
        }
    }

    private static String form(VerifierProcess verifier, String samlResponse) {
        return "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=" + encode(verifier.roleArn()) + "&PrincipalArn="
                + encode(verifier.providerArn()) + "&SAMLAssertion=" + encode(samlResponse);
    }

    private static boolean issued(String body) {
        return body.contains("<AssumeRoleWithSAMLResult>") && body.contains("assumed-role/Admin/alice@example.com");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void report(Settings settings, Optional<VerifierBenchmarks.InProcess> inProcess, List<Level> levels,
                               double loadBefore) {
        System.out.println();
        System.out.println("== stsbridge verifier: AssumeRoleWithSAML over HTTP ==");
        System.out.printf(Locale.ROOT, "machine:  %d cores, %s, load average %.2f before / %.2f after%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), loadBefore, load());
        System.out.println("JVMs:     " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; verifier in its own JVM " + VerifierProcess.JVM_OPTIONS + "; load driver in this JVM (JDK "
                + "HttpClient, HTTP/1.1 keep-alive, closed loop)");
        System.out.printf(Locale.ROOT, "run:      warm-up %d s, then per client level 5 s to settle and %d s measured; alice's response "
                + "signed with RSA-2048 (2 roles, 2 tags, SourceIdentity), %,d-byte form%n",
                settings.warmup().toSeconds(), settings.measure().toSeconds(),
                levels.isEmpty() ? 0 : levels.get(0).formBytes());
        System.out.printf(Locale.ROOT, "%-8s %10s %9s %9s %9s %9s %8s %13s %13s%n", "clients", "requests", "req/s",
                "p50 ms", "p99 ms", "max ms", "errors", "server CPU/s", "driver CPU/s");
        levels.forEach(VerifierHttpBenchmark::printLevel);
        inProcess.ifPresent(p -> printRatios(p, levels));
    }

    private static void printLevel(Level level) {
        HttpLoad.Result r = level.result();
        double seconds = r.duration().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "%-8d %10d %9.0f %9.2f %9.2f %9.2f %8d %13.2f %13.2f%n", r.clients(),
                r.requests(), r.rate(), r.percentileMillis(0.50), r.percentileMillis(0.99), r.percentileMillis(1.0),
                r.errorCount(), level.serverCpu().toNanos() / 1e9 / seconds, level.driverCpu().toNanos() / 1e9 / seconds);
        if (!r.errors().isEmpty()) {
            System.out.println("         errors: " + r.errors());
        }
        long requests = Math.max(1, r.requests());
        System.out.printf(Locale.ROOT, "         server CPU per request %.0f us: %.0f requests per server CPU-second%n",
                level.serverCpu().toNanos() / 1e3 / requests, requests / (level.serverCpu().toNanos() / 1e9));
    }

    private static void printRatios(VerifierBenchmarks.InProcess inProcess, List<Level> levels) {
        System.out.printf(Locale.ROOT, "in process (JMH, 2 threads): AssumeRoleWithSAML %.0f/s, RSA-2048 verify %.0f/s,"
                + " ratio %.3f%n", inProcess.assumeRoleWithSaml(), inProcess.rsa2048Verify(), inProcess.ratio());
        for (Level level : levels) {
            double rate = level.result().rate();
            System.out.printf(Locale.ROOT, "ratios at %d clients: HTTP / in process %.2f; HTTP / RSA-2048 verify %.3f%n",
                    level.result().clients(), rate / inProcess.assumeRoleWithSaml(), rate / inProcess.rsa2048Verify());
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
