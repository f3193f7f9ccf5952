package dev.stsbridge.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.iam.IamClient;

/** {@link SelfTest}: alice's sign-in over HTTP reaches the console page; a broken step is named. */
class SelfTestTest {

    @TempDir
    static Path dir;

    private static Demo demo;

    @BeforeAll
    static void start() {
        demo = Demo.start(DemoSettings.defaults(DemoKeys.generate(dir)).withPorts(0, 0));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void aliceReachesTheConsolePageWithHerRoleTagsAndSourceIdentity() {
        SelfTest.Console console = new SelfTest(demo).run();

        assertThat(console.assumedRoleArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com");
        assertThat(console.sourceIdentity()).isEqualTo("alice");
        assertThat(console.tags()).isEqualTo(Map.of("department", "engineering", "team", "platform"));
    }

    @Test
    void whenTheAdminRoleIsGoneTheFailureNamesTheStepAndWhatTheModelAnswered() {
        try (IamClient prod = DemoTest.iam(demo, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")) {
            String policy = prod.getRole(r -> r.roleName("Admin")).role().assumeRolePolicyDocument();
            String abac = "arn:aws:iam::111122223333:policy/abac-team-access";
            prod.detachRolePolicy(r -> r.roleName("Admin").policyArn(abac)); // IAM deletes no role with policies
            prod.deleteRole(r -> r.roleName("Admin"));
            try {
                assertThatThrownBy(() -> new SelfTest(demo).run()).isInstanceOf(SelfTest.Failure.class)
                        .hasMessageStartingWith("POST " + demo.awsEndpoint() + "/saml: expected a redirect to /console, "
                                + "got HTTP ")
                        .hasMessageContaining("Sign in failed");
            } finally {
                prod.createRole(r -> r.roleName("Admin").assumeRolePolicyDocument(
                        java.net.URLDecoder.decode(policy, java.nio.charset.StandardCharsets.UTF_8)));
                prod.attachRolePolicy(r -> r.roleName("Admin").policyArn(abac));
            }
        }
        assertThat(new SelfTest(demo).run().assumedRoleArn()).endsWith("/Admin/alice@example.com");
    }
}
