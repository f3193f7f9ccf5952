package dev.stsbridge.app;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.stsbridge.verifier.VerifierApplication;
import dev.stsbridge.verifier.VerifierServer;
import dev.stsbridge.verifier.imds.ImdsServer;
import dev.stsbridge.verifier.imds.ImdsSettings;
import dev.stsbridge.verifier.VerifierSettings;
import dev.stsbridge.verifier.auth.Account;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stsbridge verifier}: runs the local model of AWS's side (IAM SAML providers and roles, STS, the console
 * sign-in endpoint) until Ctrl-C, and prints the endpoint and the access keys to use with
 * {@code aws --endpoint-url}.
 */
@Command(name = "verifier", mixinStandardHelpOptions = true,
        description = "Run a local model of AWS's side of SAML federation (IAM, STS, console sign-in) that the "
                + "aws CLI and AWS SDKs use with --endpoint-url.")
public final class VerifierCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8090", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = VerifierServer.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data directory; the state is kept in <data-dir>/verifier/state.json (default: "
                    + "${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--accounts", paramLabel = "FILE",
            description = "Accounts and their access keys (JSON or YAML); the demo accounts without it.")
    Optional<Path> accounts;

    @Option(names = "--one-time-use", description = "Accept each SAML assertion ID only once (AWS does not).")
    boolean oneTimeUse;

    @Option(names = "--clock-skew-seconds", defaultValue = "60",
            description = "Clock skew allowed on SAML NotBefore/NotOnOrAfter (default: ${DEFAULT-VALUE}).")
    long clockSkewSeconds;

    @Option(names = "--imds-role", paramLabel = "ROLE",
            description = "Also serve EC2's instance metadata (IMDSv2) with this instance profile role (a role name "
                    + "of the first account, or a role ARN); SDKs find it through AWS_EC2_METADATA_SERVICE_ENDPOINT.")
    Optional<String> imdsRole;

    @Option(names = "--imds-port", defaultValue = "8091",
            description = "Port of the instance metadata model (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int imdsPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        VerifierApplication verifier;
        try {
            verifier = VerifierApplication.start(settings());
        } catch (VerifierServer.PortInUseException e) {
            err.println("stsbridge verifier: port " + e.port() + " is already in use; choose another with --port");
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("stsbridge verifier: " + e.getMessage());
            return 1;
        }
        Optional<ImdsServer> imds;
        try {
            imds = imdsRole.map(role -> ImdsServer.start(new ImdsSettings(host, imdsPort, role, "i-0123456789abcdef0",
                    Duration.ofHours(6), Duration.ofMinutes(15)), verifier.core().accounts().all().get(0).id(),
                    verifier.core().iam(), verifier.assumeRole(), Clock.systemUTC()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            verifier.close();
            err.println("stsbridge verifier: " + e.getMessage() + "; choose another port with --imds-port");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            imds.ifPresent(ImdsServer::close);
            verifier.close();
        }, "verifier-shutdown"));
        printBanner(verifier, spec.commandLine().getOut(), imds);
        if (!isLoopback(host)) {
            err.println("stsbridge verifier: warning: serving plain HTTP with known demo keys on " + host
                    + ", which is not a loopback address");
        }
        verifier.join();
        return 0;
    }

    VerifierSettings settings() {
        if (clockSkewSeconds < 0) {
            throw new IllegalArgumentException("--clock-skew-seconds must not be negative");
        }
        VerifierSettings settings = new VerifierSettings(host, port, dataDir, accounts, oneTimeUse,
                Duration.ofSeconds(clockSkewSeconds), Clock.systemUTC());
        return settings;
    }

    private void printBanner(VerifierApplication verifier, PrintWriter out, Optional<ImdsServer> imds) {
        out.println("stsbridge verifier: AWS IAM, STS and console sign-in model on " + verifier.endpoint());
        imds.ifPresent(server -> out.println("  instance metadata (IMDSv2) for role " + imdsRole.orElseThrow()
                + ": AWS_EC2_METADATA_SERVICE_ENDPOINT=" + server.environmentValue()));
        out.println("  state: " + dataDir.resolve("verifier").resolve("state.json"));
        out.println("  accounts and their access keys (SigV4, region us-east-1):");
        for (Account account : verifier.core().accounts().all()) {
            String secret = accounts.isPresent() ? "(secret in " + accounts.get() + ")" : account.secretAccessKey();
            out.println("    " + account.id() + account.alias().map(a -> " (" + a + ")").orElse("") + "  "
                    + account.accessKeyId() + "  " + secret);
        }
        Account first = verifier.core().accounts().all().get(0);
        if (accounts.isEmpty()) {
            out.println("  try: AWS_ACCESS_KEY_ID=" + first.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                    + first.secretAccessKey() + " AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url "
                    + verifier.endpoint() + " sts get-caller-identity");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
