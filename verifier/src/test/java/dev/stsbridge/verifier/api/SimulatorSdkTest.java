package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * The policy simulator through the AWS SDK for Java v2, with the policy of AWS's ABAC tutorial ("IAM tutorial:
 * Define permissions to access AWS resources based on tags": {@code access-same-project-team}) and the tutorial's
 * principal tags access-project=peg, access-team=eng, cost-center=987654. Expected decisions are the tutorial's.
 */
class SimulatorSdkTest {
    private static final Map<String, String> PEG_ENG = Map.of("access-project", "peg", "access-team", "eng",
            "cost-center", "987654");
    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:peg-db-AbCdEf";

    private static Verifier verifier;
    private static IamClient iam;
    private static String tutorialPolicy;

    @BeforeAll
    static void start() throws IOException {
        verifier = Verifier.start(Clock.systemUTC());
        iam = verifier.prodIam();
        try (InputStream in = SimulatorSdkTest.class.getResourceAsStream("/abac/access-same-project-team.json")) {
            tutorialPolicy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        iam.close();
        verifier.close();
    }

    private static List<ContextEntry> tags(String prefix, Map<String, String> tags) {
        List<ContextEntry> entries = new ArrayList<>();
        tags.forEach((k, v) -> entries.add(ContextEntry.builder().contextKeyName(prefix + k).contextKeyValues(v)
                .contextKeyType(ContextKeyTypeEnum.STRING).build()));
        return entries;
    }

    private static List<ContextEntry> context(Map<String, String> resourceTags, ContextEntry... more) {
        List<ContextEntry> entries = new ArrayList<>(tags("aws:PrincipalTag/", PEG_ENG));
        entries.addAll(tags("aws:ResourceTag/", resourceTags));
        entries.addAll(List.of(more));
        return entries;
    }

    private static EvaluationResult simulate(String action, List<ContextEntry> context) {
        SimulateCustomPolicyResponse response = iam.simulateCustomPolicy(r -> r.policyInputList(tutorialPolicy)
                .actionNames(action).resourceArns(SECRET).contextEntries(context));
        assertThat(response.evaluationResults()).hasSize(1);
        return response.evaluationResults().get(0);
    }

    /** The Sid of a matched statement, found in the policy text by its positions. */
    private static String sidAt(Statement statement) {
        String[] lines = tutorialPolicy.split("\n", -1);
        String line = lines[statement.startPosition().line() - 1];
        assertThat(line.charAt(statement.startPosition().column() - 2)).as("the statement's opening brace").isEqualTo('{');
        String next = lines[statement.startPosition().line()];
        return next.strip().replaceAll("^\"Sid\": \"([^\"]+)\",$", "$1");
    }

    @Test
    void sameProjectAndTeamMayDoAnything() {
        EvaluationResult result = simulate("secretsmanager:UpdateSecret", context(PEG_ENG));
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(result.matchedStatements()).extracting(SimulatorSdkTest::sidAt)
                .containsExactly("AllActionsSecretsManagerSameProjectSameTeam");
        assertThat(result.matchedStatements().get(0).sourcePolicyId()).isEqualTo("PolicyInputList.1");
        assertThat(result.evalResourceName()).isEqualTo(SECRET);
        assertThat(result.resourceSpecificResults()).singleElement().satisfies(r -> {
            assertThat(r.evalResourceName()).isEqualTo(SECRET);
            assertThat(r.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        });
    }

    @Test
    void sameTeamOtherProjectMayOnlyRead() {
        Map<String, String> otherProject = Map.of("access-project", "pup", "access-team", "eng", "cost-center", "123456");
        EvaluationResult read = simulate("secretsmanager:GetSecretValue", context(otherProject));
        assertThat(read.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(read.matchedStatements()).extracting(SimulatorSdkTest::sidAt).containsExactly("ReadSecretsManagerSameTeam");
        assertThat(simulate("secretsmanager:UpdateSecret", context(otherProject)).evalDecision())
                .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void anotherTeamsSecretIsImplicitlyDenied() {
        EvaluationResult result = simulate("secretsmanager:GetSecretValue",
                context(Map.of("access-project", "peg", "access-team", "qas", "cost-center", "987654")));
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(result.matchedStatements()).isEmpty();
    }

    @Test
    void untaggingTheAccessTagsIsExplicitlyDenied() {
        ContextEntry tagKeys = ContextEntry.builder().contextKeyName("aws:TagKeys").contextKeyValues("access-team")
                .contextKeyType(ContextKeyTypeEnum.STRING_LIST).build();
        EvaluationResult result = simulate("secretsmanager:UntagResource", context(PEG_ENG, tagKeys));
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(result.matchedStatements()).extracting(SimulatorSdkTest::sidAt)
                .containsExactly("DenyUntagSecretsManagerReservedTags");
    }

    @Test
    void managingResourcePoliciesIsExplicitlyDenied() {
        EvaluationResult result = simulate("secretsmanager:PutResourcePolicy", context(PEG_ENG));
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(result.matchedStatements()).extracting(SimulatorSdkTest::sidAt).containsExactly("DenyPermissionsManagement");
    }

    @Test
    void withoutResourceTagsTheMissingKeysAreNamed() {
        SimulateCustomPolicyResponse response = iam.simulateCustomPolicy(r -> r.policyInputList(tutorialPolicy)
                .actionNames("secretsmanager:GetSecretValue", "secretsmanager:ListSecrets")
                .contextEntries(tags("aws:PrincipalTag/", PEG_ENG)));
        assertThat(response.evaluationResults()).extracting(EvaluationResult::evalActionName)
                .containsExactly("secretsmanager:GetSecretValue", "secretsmanager:ListSecrets");
        EvaluationResult get = response.evaluationResults().get(0);
        assertThat(get.evalResourceName()).isEqualTo("*");
        assertThat(get.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(get.missingContextValues()).contains("aws:ResourceTag/access-team", "aws:ResourceTag/access-project");
        EvaluationResult list = response.evaluationResults().get(1);
        assertThat(list.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    }

    @Test
    void aBoundaryIsReported() {
        String onlyList = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:List*\","
                + "\"Resource\":\"*\"}]}";
        EvaluationResult result = iam.simulateCustomPolicy(r -> r.policyInputList(tutorialPolicy)
                .permissionsBoundaryPolicyInputList(onlyList).actionNames("secretsmanager:UpdateSecret")
                .contextEntries(context(PEG_ENG))).evaluationResults().get(0);
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(result.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
    }

    @Test
    void aResourcePolicyNeedsACallerAndCanGrant() {
        String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111122223333:user/alice\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";
        String nothing = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\","
                + "\"Resource\":\"*\"}]}";
        IamException noCaller = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList(nothing).resourcePolicy(bucketPolicy).actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::reports/q3.csv")));
        assertThat(noCaller.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        EvaluationResult granted = iam.simulateCustomPolicy(r -> r.policyInputList(nothing).resourcePolicy(bucketPolicy)
                .callerArn("arn:aws:iam::111122223333:user/alice").actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::reports/q3.csv")).evaluationResults().get(0);
        assertThat(granted.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(granted.matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.sourcePolicyId()).isEqualTo("ResourcePolicy");
            assertThat(s.sourcePolicyTypeAsString()).isEqualTo("Resource Policy");
        });
        assertThat(granted.hasEvalDecisionDetails()).as("same account, a resource ARN: present and empty").isTrue();
        assertThat(granted.evalDecisionDetailsAsStrings()).isEmpty();

        EvaluationResult otherAccount = iam.simulateCustomPolicy(r -> r.policyInputList(nothing)
                .resourcePolicy(bucketPolicy).callerArn("arn:aws:iam::111122223333:user/alice")
                .resourceOwner("arn:aws:iam::444455556666:root").actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::reports/q3.csv")).evaluationResults().get(0);
        assertThat(otherAccount.evalDecision()).as("across accounts the identity side must allow too")
                .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(otherAccount.evalDecisionDetailsAsStrings())
                .containsExactly(Map.entry("IAM Policy", "implicitDeny"), Map.entry("Resource Policy", "allowed"));
        assertThat(otherAccount.resourceSpecificResults()).singleElement()
                .satisfies(r -> assertThat(r.evalDecisionDetailsAsStrings()).hasSize(2));
    }

    @Test
    void onAllResourcesThereAreNoDecisionDetailsAndIdentityPoliciesAreIamPolicies() {
        String allowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        EvaluationResult result = iam.simulateCustomPolicy(r -> r.policyInputList(allowAll).actionNames("s3:GetObject"))
                .evaluationResults().get(0);
        assertThat(result.evalResourceName()).isEqualTo("*");
        assertThat(result.hasEvalDecisionDetails()).isFalse();
        assertThat(result.hasResourceSpecificResults()).isFalse();
        assertThat(result.matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.sourcePolicyId()).isEqualTo("PolicyInputList.1");
            assertThat(s.sourcePolicyTypeAsString()).isEqualTo("IAM Policy");
            assertThat(s.startPosition().line()).isEqualTo(1);
        });
    }

    /** The AWS CLI's documented example: the one-line DynamoDB policy with an {@code aws:CurrentTime} condition. */
    @Test
    void theCliDocumentationsDateExampleGivesItsDecisionsAndPositions() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                + "\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
        EvaluationResult later = iam.simulateCustomPolicy(r -> r.policyInputList(policy).actionNames("dynamodb:CreateBackup")
                .contextEntries(ContextEntry.builder().contextKeyName("aws:CurrentTime")
                        .contextKeyValues("2019-04-25T11:00:00Z").contextKeyType(ContextKeyTypeEnum.DATE).build()))
                .evaluationResults().get(0);
        assertThat(later.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(later.missingContextValues()).isEmpty();
        assertThat(later.matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.startPosition().line()).isEqualTo(1);
            assertThat(s.startPosition().column()).isEqualTo(38);
            assertThat(s.endPosition().line()).isEqualTo(1);
            assertThat(s.endPosition().column()).isEqualTo(167);
        });
        EvaluationResult earlier = iam.simulateCustomPolicy(r -> r.policyInputList(policy).actionNames("dynamodb:CreateBackup")
                .contextEntries(ContextEntry.builder().contextKeyName("aws:CurrentTime")
                        .contextKeyValues("2014-04-25T11:00:00Z").contextKeyType(ContextKeyTypeEnum.DATE).build()))
                .evaluationResults().get(0);
        assertThat(earlier.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(earlier.matchedStatements()).isEmpty();
    }

    /** The AWS CLI's documented get-context-keys-for-custom-policy example: keys in the order the policy names them. */
    @Test
    void contextKeysComeInTheOrderOfTheCliDocumentationsExample() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                + "\"Resource\":\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\",\"Condition\":"
                + "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}";
        assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(policy)).contextKeyNames())
                .containsExactly("aws:username", "aws:CurrentTime");
    }

    @Test
    void resultsArePaged() {
        SimulateCustomPolicyResponse first = iam.simulateCustomPolicy(r -> r.policyInputList(tutorialPolicy)
                .actionNames("secretsmanager:ListSecrets", "secretsmanager:GetRandomPassword", "secretsmanager:UpdateSecret")
                .maxItems(2));
        assertThat(first.evaluationResults()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        SimulateCustomPolicyResponse rest = iam.simulateCustomPolicy(r -> r.policyInputList(tutorialPolicy)
                .actionNames("secretsmanager:ListSecrets", "secretsmanager:GetRandomPassword", "secretsmanager:UpdateSecret")
                .maxItems(2).marker(first.marker()));
        assertThat(rest.evaluationResults()).extracting(EvaluationResult::evalActionName)
                .containsExactly("secretsmanager:UpdateSecret");
        assertThat(rest.isTruncated()).isFalse();
    }

    @Test
    void refusals() {
        IamException malformed = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}")
                .actionNames("s3:GetObject")));
        assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        assertThat(malformed.awsErrorDetails().errorMessage()).contains("Policy statement must contain resources.");

        IamException badType = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList(tutorialPolicy).actionNames("s3:GetObject").contextEntries(ContextEntry.builder()
                        .contextKeyName("aws:EpochTime").contextKeyValues("yesterday")
                        .contextKeyType(ContextKeyTypeEnum.NUMERIC).build())));
        assertThat(badType.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        IamException twoValues = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList(tutorialPolicy).actionNames("s3:GetObject").contextEntries(ContextEntry.builder()
                        .contextKeyName("aws:username").contextKeyValues("a", "b")
                        .contextKeyType(ContextKeyTypeEnum.STRING).build())));
        assertThat(twoValues.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        IamException notAnArn = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList(tutorialPolicy).actionNames("kms:Decrypt")
                .resourceArns("14a050d4-021e-4efe-84bb-0871bf6d0fda")));
        assertThat(notAnArn.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        assertThat(notAnArn.awsErrorDetails().errorMessage())
                .isEqualTo("ResourceNames are not in a valid ARN format: 14a050d4-021e-4efe-84bb-0871bf6d0fda.");

        IamException session = catchThrowableOfType(IamException.class, () -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:sts::111122223333:assumed-role/Admin/alice").actionNames("s3:GetObject")));
        assertThat(session.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        assertThat(session.awsErrorDetails().errorMessage()).isEqualTo("Invalid Entity Arn: "
                + "arn:aws:sts::111122223333:assumed-role/Admin/alice does not clearly define entity type and name.");

        IamException noRole = catchThrowableOfType(IamException.class, () -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::111122223333:role/Nobody").actionNames("s3:GetObject")));
        assertThat(noRole.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
        assertThat(noRole.awsErrorDetails().errorMessage()).isEqualTo("The role with name Nobody cannot be found.");

        IamException noUser = catchThrowableOfType(IamException.class, () -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::111122223333:user/bob").actionNames("s3:GetObject")));
        assertThat(noUser.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
        assertThat(noUser.awsErrorDetails().errorMessage()).isEqualTo("The user with name bob cannot be found.");
    }

    @Test
    void contextKeysOfACustomPolicy() {
        assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(tutorialPolicy)).contextKeyNames())
                .containsExactly("aws:ResourceTag/access-project", "aws:PrincipalTag/access-project",
                        "aws:ResourceTag/access-team", "aws:PrincipalTag/access-team", "aws:ResourceTag/cost-center",
                        "aws:PrincipalTag/cost-center", "aws:TagKeys", "aws:RequestTag/access-project",
                        "aws:RequestTag/access-team", "aws:RequestTag/cost-center");
    }

    @Test
    void simulatePrincipalPolicyUsesTheRolesPoliciesAndBoundary() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::111122223333:saml-provider/stsbridge\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}";
        String role = iam.createRole(r -> r.roleName("Tutorial").assumeRolePolicyDocument(trust)).role().arn();
        String managed = iam.createPolicy(r -> r.policyName("access-same-project-team").policyDocument(tutorialPolicy))
                .policy().arn();
        iam.attachRolePolicy(r -> r.roleName("Tutorial").policyArn(managed));
        iam.putRolePolicy(r -> r.roleName("Tutorial").policyName("ec2-describe").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\","
                        + "\"Resource\":\"*\"}]}"));

        EvaluationResult read = iam.simulatePrincipalPolicy(r -> r.policySourceArn(role)
                .actionNames("secretsmanager:GetSecretValue").resourceArns(SECRET)
                .contextEntries(context(Map.of("access-team", "eng")))).evaluationResults().get(0);
        assertThat(read.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(read.matchedStatements()).singleElement().satisfies(m -> {
            assertThat(m.sourcePolicyId()).isEqualTo("access-same-project-team");
            assertThat(m.sourcePolicyTypeAsString()).isEqualTo("IAM Policy");
        });
        EvaluationResult inline = iam.simulatePrincipalPolicy(r -> r.policySourceArn(role)
                .actionNames("ec2:DescribeInstances")).evaluationResults().get(0);
        assertThat(inline.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(inline.matchedStatements()).singleElement().satisfies(m -> {
            assertThat(m.sourcePolicyId()).isEqualTo("role_Tutorial_ec2-describe");
            assertThat(m.sourcePolicyTypeAsString()).isEqualTo("IAM Policy");
        });

        String boundary = iam.createPolicy(r -> r.policyName("only-secrets").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:*\","
                        + "\"Resource\":\"*\"}]}")).policy().arn();
        iam.putRolePermissionsBoundary(r -> r.roleName("Tutorial").permissionsBoundary(boundary));
        EvaluationResult bounded = iam.simulatePrincipalPolicy(r -> r.policySourceArn(role)
                .actionNames("ec2:DescribeInstances")).evaluationResults().get(0);
        assertThat(bounded.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(bounded.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();

        assertThat(iam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(role)).contextKeyNames())
                .contains("aws:PrincipalTag/access-team", "aws:TagKeys");
    }
}
