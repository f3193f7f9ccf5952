package dev.stsbridge.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.tests.support.Processes;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.RequiredTool;

/**
 * {@code tests/cli/assume-role-chain.sh}, issue 13's "Done when" with nothing but the packaged jar and Debian's AWS
 * CLI: a user of 444455556666 with an access key assumes a role of 111122223333 that requires an ExternalId (refused
 * without), chains into a second role keeping the transitive tag (get-caller-identity, the console page through
 * /federation), is refused a 2-hour chained session, and federates a user (GetFederationToken; refused with role
 * credentials). The script checks each step; this test checks its JSON independently.
 */
class AssumeRoleChainCliEndToEndTest {

    private static final Path SCRIPT = Repository.root().resolve("tests/cli/assume-role-chain.sh");

    @TempDir
    Path tmp;

    @Test
    void aUserAssumesACrossAccountRoleWithExternalIdChainsWithTransitiveTagsFederatesAndAnInstanceGetsItsRole() throws Exception {
        RequiredTool.require("/usr/bin/aws");
        RequiredTool.require("/usr/bin/python3");

        Processes.Result run = Processes.command("/bin/bash", SCRIPT.toString()).timeout(Duration.ofMinutes(5))
                .environment("STSBRIDGE_JAR", Repository.stsbridgeJar().toString())
                .environment("JAVA", Repository.java().toString())
                .environment("TMPDIR", tmp.toString()).run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.stdout());
        assertThat(result.at("/userIdentity/Arn").asText()).isEqualTo("arn:aws:iam::444455556666:user/deployer");
        assertThat(result.get("accessKey").asText()).matches("AKIA[A-Z2-7]{16}");
        assertThat(result.get("noExternalId").asText()).contains("(AccessDenied) when calling the AssumeRole operation: "
                + "User: arn:aws:iam::444455556666:user/deployer is not authorized to perform: sts:AssumeRole on "
                + "resource: arn:aws:iam::111122223333:role/Partner");
        assertThat(result.at("/partner/AssumedRoleUser/Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Partner/deployer");
        assertThat(result.get("chained2h").asText()).contains("(ValidationError) when calling the AssumeRole operation: "
                + "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        assertThat(result.at("/auditorIdentity/Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Auditor/audit");
        assertThat(result.at("/auditorIdentity/Account").asText()).isEqualTo("111122223333");
        assertThat(result.get("consolePage").asText())
                .contains("<dd id=\"assumed-role-arn\">arn:aws:sts::111122223333:assumed-role/Auditor/audit</dd>")
                .contains("<td>team</td><td>platform</td>").doesNotContain("<td>stage</td>");
        assertThat(result.at("/federated/Arn").asText()).isEqualTo("arn:aws:sts::444455556666:federated-user/carol");
        assertThat(result.at("/federatedIdentity/Arn").asText())
                .isEqualTo("arn:aws:sts::444455556666:federated-user/carol");
        assertThat(result.get("federationWithRole").asText()).contains("(AccessDenied) when calling the "
                + "GetFederationToken operation: Cannot call GetFederationToken with session credentials");
        // the CLI's instance-profile provider: no credentials while WebServer does not trust EC2, the role after
        assertThat(result.get("instanceUntrusted").asText()).contains("Unable to locate credentials");
        assertThat(result.at("/instanceIdentity/Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/WebServer/i-0123456789abcdef0");
    }
}
