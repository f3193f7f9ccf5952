package dev.stsbridge.idp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.claims.AwsClaimsResolver;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.EmbeddedDirectory;

/** The demo end to end as far as this package goes: embedded directory -> claims -> pre-flight -> explanation. */
class DemoExplainTest {

    private static final StsbridgeConfig DEMO = StsbridgeConfig.demo();
    private static EmbeddedDirectory directory;

    @BeforeAll
    static void start() {
        directory = EmbeddedDirectory.start(DEMO.directory(), DEMO.directoryAttributes());
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static Explanation explain(StsbridgeConfig config, String user) throws Exception {
        AwsClaimsResolver resolver = new AwsClaimsResolver(config.aws());
        return new AwsRules(config.aws().partition()).explain(resolver.resolveWithNotes(
                directory.lookup(user).orElseThrow()));
    }

    @Test
    void aliceGetsProdAdminAndDevDeveloperWithTagsAndPassesPreflight() throws Exception {
        Explanation alice = explain(DEMO, "alice");

        assertThat(alice.ok()).isTrue();
        assertThat(alice.render()).isEqualTo("""
                user: alice
                roles (2):
                  arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge  (prod)
                  arn:aws:iam::444455556666:role/Developer,arn:aws:iam::444455556666:saml-provider/stsbridge  (dev)
                RoleSessionName: alice@example.com
                SessionDuration: 3600
                SourceIdentity: alice
                session tags (2):
                  PrincipalTag:department=engineering
                  PrincipalTag:team=platform
                transitive tag keys: department
                pre-flight: OK
                """);
    }

    @Test
    void bobGetsReadOnlyAndTheExplanationSaysWhyTeamIsMissing() throws Exception {
        Explanation bob = explain(DEMO, "bob");

        assertThat(bob.ok()).isTrue();
        assertThat(bob.claims().roles()).hasSize(1);
        assertThat(bob.claims().roles().get(0).roleArn()).isEqualTo("arn:aws:iam::444455556666:role/ReadOnly");
        assertThat(bob.notes()).containsExactly("tag team omitted: attribute ou missing");
    }

    @Test
    void carolHasNoAwsRolesAndNothingWouldBeSent() throws Exception {
        Explanation carol = explain(DEMO, "carol");

        assertThat(carol.ok()).isFalse();
        assertThat(carol.violations()).containsExactly(new AwsRuleViolation("carol", AwsRule.ROLE_REQUIRED, "none"));
        assertThat(carol.render()).contains("roles (0): none\n",
                "pre-flight: 1 violation; nothing would be sent\n  carol: at least one Role is required, was none\n",
                "notes:\n  carol has no AWS roles: none of the 1 directory groups "
                        + "[cn=staff,ou=groups,dc=example,dc=com] matches aws.roles\n");
    }

    @Test
    void configurationGivingA65CharacterRoleSessionNameIsRefusedNamingTheRule() throws Exception {
        String yaml = demoYaml().replace("role-session-name: \"{mail}\"",
                "role-session-name: \"{mail}.{mail}.{mail}.{uid}-{uid}\"");
        StsbridgeConfig config = StsbridgeConfig.parse(yaml, "stsbridge.yaml", Path.of(""));

        Explanation alice = explain(config, "alice");

        assertThat(alice.ok()).isFalse();
        assertThat(alice.violations()).extracting(AwsRuleViolation::message).containsExactly("alice: RoleSessionName "
                + "must match [\\w+=,.@-]{2,64}, was \"alice@example.com.alice@example.com.alice@example.com.alice-alice"
                + "\" (65 characters)");
    }

    private static String demoYaml() throws IOException {
        try (InputStream in = DemoExplainTest.class.getClassLoader().getResourceAsStream(StsbridgeConfig.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
