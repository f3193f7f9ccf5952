package dev.stsbridge.tests.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AwsCli} against the verifier: signed calls work with the demo key and fail with a wrong secret. */
class AwsCliTest {

    @TempDir
    Path work;

    @Test
    void theCliSignsWithTheGivenKeysAgainstTheLocalEndpointFromAnEmptyHome() {
        try (LocalAws aws = LocalAws.start(work.resolve("verifier"), Clock.systemUTC())) {
            AwsCli cli = AwsCli.against(aws.endpoint(), work);

            AwsCli.Run root = cli.withKeys(LocalAws.PROD_ACCESS_KEY, LocalAws.PROD_SECRET).run("sts", "get-caller-identity");
            AwsCli.Run wrong = cli.withKeys(LocalAws.PROD_ACCESS_KEY, "not-the-secret").run("sts", "get-caller-identity");

            assertThat(root.exitCode()).as(root.toString()).isZero();
            assertThat(root.json().get("Arn").asText()).isEqualTo("arn:aws:iam::111122223333:root");
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(wrong.stderr()).contains("(SignatureDoesNotMatch)");
            assertThat(cli.home()).isEmptyDirectory();
        }
    }

    @Test
    void onlyLoopbackEndpointsAreAllowed() {
        assertThatThrownBy(() -> AwsCli.against(URI.create("https://sts.amazonaws.com"), work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tests talk to 127.0.0.1 only, not https://sts.amazonaws.com");
    }
}
