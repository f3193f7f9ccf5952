package dev.stsbridge.verifier.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.iam.PermissionPolicy;
import dev.stsbridge.verifier.iam.RolePermissions;
import dev.stsbridge.verifier.iam.SamlProvider;

/** A role session's permissions: the role's policies and boundary, session policies, and its principal tags. */
class SessionPermissionsTest {
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/Admin";
    private static final String TEAM_ACCESS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TeamResources\","
            + "\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"*\",\"Condition\":"
            + "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}}]}";
    private static final String ONLY_GET = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String MANAGED_ARN = "arn:aws:iam::111122223333:policy/only-get";

    private static IamDirectory iam(Optional<PermissionPolicy> boundary, Map<String, String> roleTags) {
        IamRole role = new IamRole(ROLE_ARN, "111122223333", "Admin", "/", "AROAEXAMPLEEXAMPLE12", "{}", 3600,
                Instant.EPOCH, roleTags);
        return new IamDirectory() {
            @Override
            public Optional<SamlProvider> samlProvider(String providerArn) {
                return Optional.empty();
            }

            @Override
            public Optional<SamlProvider> samlProviderByUuid(String uuid) {
                return Optional.empty();
            }

            @Override
            public Optional<IamRole> role(String roleArn) {
                return roleArn.equals(ROLE_ARN) ? Optional.of(role) : Optional.empty();
            }

            @Override
            public RolePermissions permissions(String roleArn) {
                return new RolePermissions(List.of(new PermissionPolicy("abac-team-access", "abac-team-access",
                        PermissionPolicy.Kind.INLINE, TEAM_ACCESS)), boundary);
            }

            @Override
            public Optional<PermissionPolicy> managedPolicy(String policyArn) {
                return policyArn.equals(MANAGED_ARN) ? Optional.of(new PermissionPolicy(MANAGED_ARN, "only-get",
                        PermissionPolicy.Kind.CUSTOMER_MANAGED, ONLY_GET)) : Optional.empty();
            }
        };
    }

    private static SessionFacts alice(Optional<String> sessionPolicy, List<String> policyArns) {
        return new SessionFacts("111122223333", ROLE_ARN, "arn:aws:sts::111122223333:assumed-role/Admin/alice",
                "AROAEXAMPLEEXAMPLE12:alice", Map.of("team", "platform"), Optional.of("alice"), sessionPolicy, policyArns);
    }

    private static SessionPermissions permissions(IamDirectory iam) {
        return new SessionPermissions(iam, new PermissionPolicies(),
                Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC));
    }

    private static Map<String, List<String>> resourceTeam(String team) {
        return Map.of("aws:ResourceTag/team", List.of(team));
    }

    @Test
    void sessionTagsDecideTagMatchedAccess() {
        SessionPermissions p = permissions(iam(Optional.empty(), Map.of()));
        Evaluation allowed = p.evaluate(alice(Optional.empty(), List.of()), "s3:GetObject", "arn:aws:s3:::r/a",
                resourceTeam("platform"));
        assertThat(allowed.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(allowed.matchedStatements()).extracting(m -> m.statement().sid().orElseThrow())
                .containsExactly("TeamResources");
        assertThat(allowed.matchedStatements().get(0).source().type()).isEqualTo(PolicySourceType.ROLE);
        assertThat(p.evaluate(alice(Optional.empty(), List.of()), "s3:GetObject", "arn:aws:s3:::r/a",
                resourceTeam("payments")).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void sessionTagsOverrideRoleTagsOfTheSameKey() {
        SessionPermissions p = permissions(iam(Optional.empty(), Map.of("Team", "payments", "cost", "42")));
        assertThat(p.principalTags(alice(Optional.empty(), List.of())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "platform", "cost", "42"));
        assertThat(p.contextKeys(alice(Optional.empty(), List.of())))
                .containsEntry("aws:PrincipalTag/cost", List.of("42"))
                .containsEntry("aws:PrincipalType", List.of("AssumedRole"))
                .containsEntry("aws:SourceIdentity", List.of("alice"))
                .containsEntry("aws:EpochTime", List.of("1796385600"));
    }

    @Test
    void aSessionPolicyLimitsTheSession() {
        SessionPermissions p = permissions(iam(Optional.empty(), Map.of()));
        String onlyList = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:List*\","
                + "\"Resource\":\"*\"}]}";
        assertThat(p.evaluate(alice(Optional.of(onlyList), List.of()), "s3:GetObject", "arn:aws:s3:::r/a",
                resourceTeam("platform")).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        Evaluation managed = p.evaluate(alice(Optional.empty(), List.of(MANAGED_ARN)), "s3:GetObject", "arn:aws:s3:::r/a",
                resourceTeam("platform"));
        assertThat(managed.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(managed.allowedBySession()).contains(true);
        assertThat(p.evaluate(alice(Optional.empty(), List.of(MANAGED_ARN)), "s3:PutObject", "arn:aws:s3:::r/a",
                resourceTeam("platform")).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void theBoundaryLimitsTheRole() {
        PermissionPolicy boundary = new PermissionPolicy(MANAGED_ARN, "only-get", PermissionPolicy.Kind.CUSTOMER_MANAGED,
                ONLY_GET);
        SessionPermissions p = permissions(iam(Optional.of(boundary), Map.of()));
        SessionFacts session = alice(Optional.empty(), List.of());
        assertThat(p.evaluate(session, "s3:GetObject", "arn:aws:s3:::r/a", resourceTeam("platform")).decision())
                .isEqualTo(Decision.ALLOWED);
        Evaluation put = p.evaluate(session, "s3:PutObject", "arn:aws:s3:::r/a", resourceTeam("platform"));
        assertThat(put.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(put.allowedByBoundary()).contains(false);
    }
}
