package dev.stsbridge.verifier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs Debian's AWS CLI ({@code /usr/bin/aws}) against a verifier: {@code --endpoint-url}, JSON output, an empty HOME,
 * the instance metadata service disabled, region us-east-1 and, unless overridden, the PROD account's keys.
 */
public final class AwsCli {

    public static final Path AWS = Path.of("/usr/bin/aws");

    private final Verifier verifier;
    private final Path home;

    public AwsCli(Verifier verifier, Path home) {
        assertThat(AWS).as("the Debian AWS CLI (apt-get install awscli) is needed: /usr/bin/aws").isExecutable();
        this.verifier = verifier;
        this.home = home;
    }

    /** One run's exit code and output. */
    public record Run(int exitCode, String stdout, String stderr) {
        public JsonNode json() throws IOException {
            return new ObjectMapper().readTree(stdout);
        }
    }

    public Run run(String... arguments) throws IOException, InterruptedException {
        return run(Map.of(), arguments);
    }

    /** Runs with these environment variables added (credentials of a session, for instance). */
    public Run run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
                verifier.endpoint().toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ACCESS_KEY_ID", Verifier.PROD_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Verifier.PROD_SECRET);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws finished").isTrue();
        return new Run(process.exitValue(), stdout, stderr);
    }
}
