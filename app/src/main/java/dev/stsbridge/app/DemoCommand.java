package dev.stsbridge.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.stsbridge.app.demo.Demo;
import dev.stsbridge.app.demo.DemoBanner;
import dev.stsbridge.app.demo.DemoSettings;
import dev.stsbridge.app.demo.PortInUseException;
import dev.stsbridge.app.demo.SelfTest;
import dev.stsbridge.keys.KeyRingStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stsbridge demo}: a whole federation on this machine, until Ctrl-C: the IdP with the demo directory (alice,
 * bob, carol) at 127.0.0.1:8080 and the local model of AWS's side at 127.0.0.1:8090, the IdP registered there as SAML
 * provider {@code stsbridge} with the demo roles. {@code --self-test} signs alice in over HTTP as a browser would,
 * checks the console page and exits.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the IdP (demo directory: alice, bob, carol) and a local model of AWS's side together, the "
                + "IdP registered there as SAML provider 'stsbridge' with the demo roles. Ctrl-C stops it.",
            "Exit codes: 0 ok (or the self-test passed), 1 an error (a port in use, a failed self-test step)."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--idp-port", paramLabel = "PORT",
            description = "The IdP's port on 127.0.0.1 (default: 8080; with --self-test: a free port).")
    Optional<Integer> idpPort = Optional.empty();

    @Option(names = "--aws-port", paramLabel = "PORT",
            description = "The AWS model's port on 127.0.0.1 (default: 8090; with --self-test: a free port).")
    Optional<Integer> awsPort = Optional.empty();

    @Option(names = "--oidc-port", paramLabel = "PORT",
            description = "The port of the IdP's HTTPS listener on 127.0.0.1 for OpenID Connect (issuer "
                    + "https://localhost:PORT, self-signed; default: 8443; with --self-test: a free port).")
    Optional<Integer> oidcPort = Optional.empty();

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory: the IdP's keys, the AWS model's state in <DIR>/verifier (default: "
                    + "${DEFAULT-VALUE}, in the current directory).")
    Path dataDir;

    @Option(names = "--self-test", description = "Start, sign alice in over HTTP as a browser would (login, portal, "
            + "the form posted to the AWS model, the console page), print one line and exit. Uses the keys of "
            + "--data-dir (generated when missing); the AWS model's state is a throw-away one.")
    boolean selfTest;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (selfTest) {
            Path verifierState = temporaryDirectory();
            try (Demo demo = start(Optional.of(verifierState))) {
                return selfTest(demo);
            } finally {
                deleteTree(verifierState);
            }
        }
        Demo demo = start(Optional.empty());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            spec.commandLine().getErr().println("stsbridge demo: stopped");
            spec.commandLine().getErr().flush();
        }, "demo-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        DemoBanner.print(out, demo, dataDir);
        out.println();
        out.println("Ready in " + seconds(sinceJvmStart()) + ". Press Ctrl-C to stop.");
        out.flush();
        demo.join();
        return ExitCodes.OK;
    }

    /** @param verifierDataDir the verifier's data directory, when not {@link #dataDir} */
    private Demo start(Optional<Path> verifierDataDir) {
        int defaultIdp = selfTest ? 0 : DemoSettings.DEFAULT_IDP_PORT;
        int defaultAws = selfTest ? 0 : DemoSettings.DEFAULT_AWS_PORT;
        Environment environment = main.environment();
        DemoSettings settings = DemoSettings.defaults(dataDir)
                .withPorts(idpPort.orElse(defaultIdp), awsPort.orElse(defaultAws))
                .withOidcPort(oidcPort.orElse(selfTest ? 0 : DemoSettings.DEFAULT_OIDC_PORT))
                .withEnvironment(environment.variables()).withClock(environment.clock());
        if (selfTest) {
            settings = settings.withAudit(line -> { }); // the self-test prints one line; its logins are not news
        }
        settings = verifierDataDir.map(settings::withVerifierDataDir).orElse(settings);
        Demo demo;
        try {
            demo = Demo.start(settings);
        } catch (PortInUseException e) {
            String flag = switch (e.service()) {
                case IDP -> "--idp-port";
                case AWS -> "--aws-port";
                case OIDC -> "--oidc-port";
            };
            throw new CommandFailure(ExitCodes.ERROR, "port " + e.port() + " is already in use; choose another with "
                    + flag, e);
        }
        if (demo.idp().keysGenerated()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("stsbridge demo: first run: generated the IdP's signing key in "
                    + dataDir.resolve(KeyRingStore.KEYS_DIRECTORY).resolve(KeyRingStore.STORE_FILE));
            err.flush();
        }
        return demo;
    }

    private int selfTest(Demo demo) {
        SelfTest.Console console;
        try {
            console = new SelfTest(demo).run();
        } catch (SelfTest.Failure e) {
            throw new CommandFailure(ExitCodes.ERROR, "self-test failed: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("self-test passed: alice signed in at " + demo.loginUrl() + " and reached the AWS console model at "
                + demo.awsEndpoint() + " as " + console.assumedRoleArn() + " (session tags "
                + console.tags().entrySet().stream().map(t -> t.getKey() + "=" + t.getValue())
                        .collect(Collectors.joining(", "))
                + "; SourceIdentity " + console.sourceIdentity() + ") in " + seconds(sinceJvmStart())
                + " since start");
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Where the self-test's AWS model keeps its state: a throw-away directory, so that the self-test (also the
     * wrapper's training run) leaves the registrations of {@code <data-dir>/verifier} as they were.
     */
    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("stsbridge-self-test-");
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.ERROR, "cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Since the JVM started: not since the process did, which under the {@code ./stsbridge} wrapper (it
     * {@code exec}s java) would count the wrapper's build of the jar and its class-data archive.
     */
    private static Duration sinceJvmStart() {
        return Duration.between(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                Instant.now());
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
