package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.iam.AwsManagedPolicies;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy on roles whose policies were set up through IAM
 * itself (PutRolePolicy, CreatePolicy + AttachRolePolicy, an AWS managed policy, PutRolePermissionsBoundary), with
 * the ABAC tutorial's policy inline and its principal and resource tags as context entries.
 */
class PrincipalSimulatorSdkTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/";
    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:peg-db-AbCdEf";
    private static final String LOGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}";

    private static Verifier verifier;
    private static IamClient iam;

    @BeforeAll
    static void start() throws IOException {
        verifier = Verifier.start(Clock.systemUTC());
        iam = verifier.prodIam();
        String tutorialPolicy;
        try (InputStream in = PrincipalSimulatorSdkTest.class.getResourceAsStream("/abac/access-same-project-team.json")) {
            tutorialPolicy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        iam.createRole(r -> r.roleName("access-peg-engineering").assumeRolePolicyDocument(RoleSdkTest.TRUST));
        iam.putRolePolicy(r -> r.roleName("access-peg-engineering").policyName("access-same-project-team")
                .policyDocument(tutorialPolicy));
        iam.attachRolePolicy(r -> r.roleName("access-peg-engineering").policyArn(AwsManagedPolicies.S3_READ_ONLY_ACCESS));
        String logs = iam.createPolicy(r -> r.policyName("write-logs").policyDocument(LOGS)).policy().arn();
        iam.attachRolePolicy(r -> r.roleName("access-peg-engineering").policyArn(logs));

        iam.createRole(r -> r.roleName("bounded").assumeRolePolicyDocument(RoleSdkTest.TRUST));
        iam.attachRolePolicy(r -> r.roleName("bounded").policyArn(AwsManagedPolicies.ADMINISTRATOR_ACCESS));
        iam.putRolePermissionsBoundary(r -> r.roleName("bounded").permissionsBoundary(AwsManagedPolicies.S3_READ_ONLY_ACCESS));
    }

    @AfterAll
    static void stop() {
        iam.close();
        verifier.close();
    }

    private static ContextEntry tag(String key, String value) {
        return ContextEntry.builder().contextKeyName(key).contextKeyValues(value)
                .contextKeyType(ContextKeyTypeEnum.STRING).build();
    }

    private static List<ContextEntry> pegEngineering(String resourceTeam) {
        return List.of(tag("aws:PrincipalTag/access-project", "peg"), tag("aws:PrincipalTag/access-team", "eng"),
                tag("aws:PrincipalTag/cost-center", "987654"), tag("aws:ResourceTag/access-project", "peg"),
                tag("aws:ResourceTag/access-team", resourceTeam), tag("aws:ResourceTag/cost-center", "987654"));
    }

    private static EvaluationResult simulate(String role, String action, List<ContextEntry> context) {
        return iam.simulatePrincipalPolicy(r -> r.policySourceArn(ROLE + role).actionNames(action)
                .contextEntries(context)).evaluationResults().get(0);
    }

    @Test
    void theRolesInlinePolicyDecidesByTagsAndIsNamedAsAwsNamesIt() {
        EvaluationResult allowed = simulate("access-peg-engineering", "secretsmanager:UpdateSecret", pegEngineering("eng"));
        assertThat(allowed.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(allowed.matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.sourcePolicyId()).isEqualTo("role_access-peg-engineering_access-same-project-team");
            assertThat(s.sourcePolicyTypeAsString()).isEqualTo("IAM Policy");
            assertThat(s.startPosition().line()).isEqualTo(4);
        });
        assertThat(simulate("access-peg-engineering", "secretsmanager:UpdateSecret", pegEngineering("qas")).evalDecision())
                .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(simulate("access-peg-engineering", "secretsmanager:DeleteResourcePolicy", pegEngineering("eng"))
                .evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
    }

    @Test
    void attachedManagedPoliciesAreNamedByTheirNames() {
        EvaluationResult read = simulate("access-peg-engineering", "s3:GetObject", List.of());
        assertThat(read.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(read.matchedStatements()).extracting(Statement::sourcePolicyId).containsExactly("AmazonS3ReadOnlyAccess");
        EvaluationResult logs = simulate("access-peg-engineering", "logs:PutLogEvents", List.of());
        assertThat(logs.matchedStatements()).extracting(Statement::sourcePolicyId).containsExactly("write-logs");
        assertThat(read.permissionsBoundaryDecisionDetail()).as("no boundary").isNull();
    }

    @Test
    void policyInputListIsSimulatedWithTheRolesPolicies() {
        EvaluationResult result = iam.simulatePrincipalPolicy(r -> r.policySourceArn(ROLE + "access-peg-engineering")
                .policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                        + "\"Resource\":\"*\"}]}")
                .actionNames("s3:GetObject", "logs:PutLogEvents")).evaluationResults().get(0);
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(result.matchedStatements()).extracting(Statement::sourcePolicyId).containsExactly("PolicyInputList.1");
    }

    @Test
    void theRolesBoundaryLimitsItAndAPassedBoundaryReplacesIt() {
        EvaluationResult read = simulate("bounded", "s3:GetObject", List.of());
        assertThat(read.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(read.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
        EvaluationResult ec2 = simulate("bounded", "ec2:RunInstances", List.of());
        assertThat(ec2.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(ec2.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();

        EvaluationResult replaced = iam.simulatePrincipalPolicy(r -> r.policySourceArn(ROLE + "bounded")
                .permissionsBoundaryPolicyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}")
                .actionNames("ec2:RunInstances", "s3:GetObject")).evaluationResults().get(0);
        assertThat(replaced.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(replaced.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
        assertThat(iam.simulatePrincipalPolicy(r -> r.policySourceArn(ROLE + "bounded")
                .permissionsBoundaryPolicyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}")
                .actionNames("s3:GetObject")).evaluationResults().get(0).evalDecision())
                .as("the role's own boundary no longer applies").isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void contextKeysOfARolesPolicies() {
        assertThat(iam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(ROLE + "access-peg-engineering")
                .policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}"))
                .contextKeyNames())
                .startsWith("aws:ResourceTag/access-project", "aws:PrincipalTag/access-project")
                .contains("aws:TagKeys", "aws:RequestTag/cost-center")
                .endsWith("aws:SecureTransport")
                .doesNotHaveDuplicates();
        assertThat(iam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(ROLE + "bounded")).contextKeyNames())
                .isEmpty();
    }

    @Test
    void entitiesThatDoNotExistAreNoSuchEntity() {
        assertThatThrownBy(() -> iam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(ROLE + "Nobody")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name Nobody cannot be found.");
                });
        assertThatThrownBy(() -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::111122223333:group/Admins").actionNames("s3:GetObject")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The group with name Admins cannot be found.");
                });
    }

    @Test
    void roleSessionsAreRefusedAsForTheOtherIamActions() {
        TemporaryCredentials credentials = verifier.app.core().credentials().issue(new SessionGrant(Verifier.PROD,
                ROLE + "access-peg-engineering", "arn:aws:sts::111122223333:assumed-role/access-peg-engineering/alice",
                "AROAEXAMPLE0000000009:alice", Instant.now().plus(1, ChronoUnit.HOURS), Map.of(), List.of(),
                Optional.empty()));
        try (IamClient session = verifier.iam(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()), Region.US_EAST_1)) {
            assertThatThrownBy(() -> session.simulatePrincipalPolicy(r -> r
                    .policySourceArn(ROLE + "access-peg-engineering").actionNames("s3:GetObject")))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::111122223333:"
                                + "assumed-role/access-peg-engineering/alice is not authorized to perform: "
                                + "iam:SimulatePrincipalPolicy on resource: " + ROLE + "access-peg-engineering because "
                                + "no identity-based policy allows the iam:SimulatePrincipalPolicy action");
                    });
            assertThatThrownBy(() -> session.simulateCustomPolicy(r -> r.policyInputList(LOGS)
                    .actionNames("logs:PutLogEvents")))
                    .isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }
}
