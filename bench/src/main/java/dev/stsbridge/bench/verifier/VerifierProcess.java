package dev.stsbridge.bench.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The verifier in a separate JVM ({@link VerifierProcessMain}, heap fixed at 1 GB), so that the load driver's
 * allocation, GC and JIT do not land in the server's JVM; both still share the machine's cores.
 */
final class VerifierProcess implements AutoCloseable {

    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g");

    private final Process process;
    private final URI endpoint;
    private final String providerArn;
    private final String roleArn;

    private VerifierProcess(Process process, URI endpoint, String providerArn, String roleArn) {
        this.process = process;
        this.endpoint = endpoint;
        this.providerArn = providerArn;
        this.roleArn = roleArn;
    }

    static VerifierProcess start(Path dataDir, Path metadata, List<String> extraJvmOptions) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VerifierProcessMain.class.getName(),
                dataDir.toString(), metadata.toString()));
        try {
            Path errors = dataDir.resolve("verifier-stderr.txt");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] ready = line.split(" ");
                if (ready.length == 4 && ready[0].equals(VerifierProcessMain.READY)) {
                    return new VerifierProcess(process, URI.create(ready[1]), ready[2], ready[3]);
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the verifier process exited before it was ready: "
                    + java.nio.file.Files.readString(errors, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    String providerArn() {
        return providerArn;
    }

    String roleArn() {
        return roleArn;
    }

    /** CPU time the server JVM has used so far. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
