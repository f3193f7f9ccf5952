package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * A role session's IAM calls are decided by the policy engine: the role's policies (with the session's principal
 * tags), its permissions boundary and the session policy; refusals carry AWS's AccessDenied wording per policy type.
 */
class RoleSessionPermissionsSdkTest {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Federated\":\"arn:aws:iam::444455556666:saml-provider/stsbridge\"},"
            + "\"Action\":\"sts:AssumeRoleWithSAML\"}]}";
    private static final String TEAM_READS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TeamReads\","
            + "\"Effect\":\"Allow\",\"Action\":[\"iam:GetRole\",\"iam:ListRoles\",\"iam:ListRoleTags\"],\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"platform\"}}},{\"Sid\":\"NoTagging\","
            + "\"Effect\":\"Deny\",\"Action\":\"iam:ListRoleTags\",\"Resource\":\"arn:aws:iam::444455556666:role/Secret\"}]}";
    private static final String ROLE = "arn:aws:iam::444455556666:role/Developer";

    private static Verifier verifier;
    private static IamClient dev;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.systemUTC());
        dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET);
        dev.createRole(r -> r.roleName("Developer").assumeRolePolicyDocument(TRUST));
        dev.createRole(r -> r.roleName("Secret").assumeRolePolicyDocument(TRUST));
        dev.putRolePolicy(r -> r.roleName("Developer").policyName("team-reads").policyDocument(TEAM_READS));
    }

    @AfterAll
    static void stop() {
        dev.close();
        verifier.close();
    }

    private static IamClient session(Map<String, String> tags, Optional<String> sessionPolicy) {
        SessionGrant grant = new SessionGrant(Verifier.DEV, ROLE,
                "arn:aws:sts::444455556666:assumed-role/Developer/alice", "AROAEXAMPLE0000000002:alice",
                Instant.now().plus(Duration.ofHours(1)), tags, List.of(), Optional.empty(), sessionPolicy, List.of());
        TemporaryCredentials c = verifier.app.core().credentials().issue(grant);
        return verifier.iam(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()),
                Region.AWS_GLOBAL);
    }

    private static String refusal(Runnable call) {
        IamException refused = catchThrowableOfType(IamException.class, call::run);
        assertThat(refused).isNotNull();
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        return refused.awsErrorDetails().errorMessage();
    }

    @Test
    void theRightTeamMayReadRoles() {
        try (IamClient iam = session(Map.of("team", "platform"), Optional.empty())) {
            assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).contains("Developer", "Secret");
            assertThat(iam.getRole(r -> r.roleName("Secret")).role().arn()).isEqualTo("arn:aws:iam::444455556666:role/Secret");
        }
    }

    @Test
    void anotherTeamIsImplicitlyDenied() {
        try (IamClient iam = session(Map.of("team", "payments"), Optional.empty())) {
            assertThat(refusal(iam::listRoles)).isEqualTo("User: arn:aws:sts::444455556666:assumed-role/Developer/alice "
                    + "is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::444455556666:role/ "
                    + "because no identity-based policy allows the iam:ListRoles action");
        }
    }

    @Test
    void anExplicitDenyIsNamed() {
        try (IamClient iam = session(Map.of("team", "platform"), Optional.empty())) {
            assertThat(refusal(() -> iam.listRoleTags(r -> r.roleName("Secret")))).endsWith(
                    "iam:ListRoleTags on resource: arn:aws:iam::444455556666:role/Secret with an explicit deny in an "
                            + "identity-based policy");
            assertThat(iam.listRoleTags(r -> r.roleName("Developer")).tags()).isEmpty();
        }
    }

    @Test
    void aSessionPolicyLimitsTheSession() {
        String onlyGet = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\","
                + "\"Resource\":\"*\"}]}";
        try (IamClient iam = session(Map.of("team", "platform"), Optional.of(onlyGet))) {
            assertThat(iam.getRole(r -> r.roleName("Developer")).role().roleName()).isEqualTo("Developer");
            assertThat(refusal(iam::listRoles)).endsWith("because no session policy allows the iam:ListRoles action");
        }
    }

    @Test
    void writesNeedAnAllow() {
        try (IamClient iam = session(Map.of("team", "platform"), Optional.empty())) {
            assertThat(refusal(() -> iam.deleteRole(r -> r.roleName("Secret"))))
                    .endsWith("because no identity-based policy allows the iam:DeleteRole action");
        }
    }
}
