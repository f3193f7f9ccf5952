package dev.stsbridge.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's AWS CLI ({@code /usr/bin/aws}, v2.9 with botocore; the {@code aws} on PATH may be another build) pointed
 * at a local endpoint: {@code aws --endpoint-url <endpoint> --output json ...} with a fresh, empty HOME, every
 * inherited {@code AWS_*} variable removed, {@code AWS_EC2_METADATA_DISABLED=true}, region {@code us-east-1} and the
 * given keys. It never looks beyond the endpoint (no profile, no instance metadata).
 *
 * <pre>{@code
 * AwsCli aws = AwsCli.against(verifier.endpoint(), tempDir).withKeys(LocalAws.PROD_ACCESS_KEY, LocalAws.PROD_SECRET);
 * AwsCli.Run run = aws.run("sts", "get-caller-identity");
 * run.json().get("Arn").asText();
 * }</pre>
 */
public final class AwsCli {

    public static final String REGION = "us-east-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final URI endpoint;
    private final Path home;
    private final Optional<String> accessKeyId;
    private final Optional<String> secretAccessKey;
    private final Optional<String> sessionToken;

    private AwsCli(URI endpoint, Path home, Optional<String> accessKeyId, Optional<String> secretAccessKey,
                   Optional<String> sessionToken) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.home = home;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
    }

    /**
     * The CLI against {@code endpoint} (which must be on 127.0.0.1), without credentials, with a new empty HOME
     * created inside {@code workDirectory}.
     */
    public static AwsCli against(URI endpoint, Path workDirectory) {
        RequiredTool.AWS.require();
        if (!"127.0.0.1".equals(endpoint.getHost()) && !"localhost".equals(endpoint.getHost())) {
            throw new IllegalArgumentException("tests talk to 127.0.0.1 only, not " + endpoint);
        }
        try {
            return new AwsCli(endpoint, Files.createTempDirectory(workDirectory, "aws-home-"), Optional.empty(),
                    Optional.empty(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, signing with a long-term access key (IAM calls). */
    public AwsCli withKeys(String id, String secret) {
        return new AwsCli(endpoint, home, Optional.of(id), Optional.of(secret), Optional.empty());
    }

    /** The same, signing with temporary credentials (e.g. from assume-role-with-saml). */
    public AwsCli withSessionCredentials(String id, String secret, String token) {
        return new AwsCli(endpoint, home, Optional.of(id), Optional.of(secret), Optional.of(token));
    }

    /** The same, without credentials ({@code assume-role-with-saml} needs none). */
    public AwsCli anonymous() {
        return new AwsCli(endpoint, home, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The empty HOME the CLI runs with (files for {@code file://} arguments may go here). */
    public Path home() {
        return home;
    }

    /** The exit code and output of a completed CLI run. */
    public record Run(int exitCode, String stdout, String stderr) {
        /** Standard output parsed as JSON ({@code --output json}). */
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("aws printed no JSON: " + e.getMessage() + "\n" + this, e);
            }
        }

        @Override
        public String toString() {
            return "aws -> exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    /** {@code aws --endpoint-url <endpoint> --output json <arguments>}; fails only when it overstays 90 s. */
    public Run run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(RequiredTool.AWS.path().toString(), "--endpoint-url",
                endpoint.toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        Processes.Builder builder = Processes.command(command).timeout(TIMEOUT)
                .removeEnvironment(name -> name.startsWith("AWS_"))
                .environment("HOME", home.toString())
                .environment("AWS_EC2_METADATA_DISABLED", "true")
                .environment("AWS_DEFAULT_REGION", REGION)
                .environment("AWS_PAGER", "")
                .environment("AWS_CONFIG_FILE", home.resolve(".aws/config").toString())
                .environment("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        accessKeyId.ifPresent(v -> builder.environment("AWS_ACCESS_KEY_ID", v));
        secretAccessKey.ifPresent(v -> builder.environment("AWS_SECRET_ACCESS_KEY", v));
        sessionToken.ifPresent(v -> builder.environment("AWS_SESSION_TOKEN", v));
        Processes.Result result = builder.directory(home).run();
        return new Run(result.exitCode(), result.stdout(), result.stderr());
    }
}
