package dev.stsbridge.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/**
 * The demo's ABAC policies, registered through the verifier's IAM API: created and attached on the first start,
 * untouched by a second one, brought back as a new default version when someone changed the document.
 */
class DemoPoliciesTest {

    private static final String PROD_TEAM_ACCESS = "arn:aws:iam::111122223333:policy/abac-team-access";
    private static final String DEV_TEAM_ACCESS = "arn:aws:iam::444455556666:policy/abac-team-access";
    private static final String DEV_DEPARTMENT_READ = "arn:aws:iam::444455556666:policy/abac-department-read";

    @Test
    void theDocumentsAreJsonWithTheTutorialsStatements() {
        assertThat(DemoPolicies.TEAM_ACCESS.document()).contains("\"Sid\": \"TeamResources\"",
                "\"aws:ResourceTag/team\": \"${aws:PrincipalTag/team}\"", "\"Sid\": \"DenyTeamTagChanges\"",
                "\"aws:TagKeys\": [\"team\"]");
        assertThat(DemoPolicies.DEPARTMENT_READ.document()).contains("\"Sid\": \"DepartmentReadOnly\"",
                "\"aws:ResourceTag/department\": \"${aws:PrincipalTag/department}\"").doesNotContain("s3:PutObject");
        assertThat(DemoPolicies.forRole("Admin")).contains(DemoPolicies.TEAM_ACCESS);
        assertThat(DemoPolicies.forRole("Developer")).contains(DemoPolicies.TEAM_ACCESS);
        assertThat(DemoPolicies.forRole("ReadOnly")).contains(DemoPolicies.DEPARTMENT_READ);
        assertThat(DemoPolicies.forRole("Auditor")).isEmpty();
    }

    @Test
    void theFirstStartCreatesThePoliciesAndAttachesThemToTheDemoRoles(@TempDir Path dir) {
        try (Demo demo = Demo.start(DemoSettings.defaults(DemoKeys.generate(dir)).withPorts(0, 0))) {
            assertThat(demo.accounts().get(0).permissionPolicies()).containsExactly(
                    java.util.Map.entry("Admin", PROD_TEAM_ACCESS));
            assertThat(demo.accounts().get(1).permissionPolicies()).containsExactly(
                    java.util.Map.entry("Developer", DEV_TEAM_ACCESS),
                    java.util.Map.entry("ReadOnly", DEV_DEPARTMENT_READ));
            try (IamClient dev = iam(demo, "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")) {
                assertThat(attached(dev, "Developer")).containsExactly(DEV_TEAM_ACCESS);
                assertThat(attached(dev, "ReadOnly")).containsExactly(DEV_DEPARTMENT_READ);
                assertThat(defaultDocument(dev, DEV_TEAM_ACCESS)).isEqualTo(DemoPolicies.TEAM_ACCESS.document());
            }
        }
    }

    @Test
    void aSecondStartChangesNothingAndRestoresAChangedDocumentAsANewDefaultVersion(@TempDir Path dir) {
        DemoSettings settings = DemoSettings.defaults(DemoKeys.generate(dir)).withPorts(0, 0);
        try (Demo first = Demo.start(settings);
             IamClient prod = iam(first, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")) {
            prod.createPolicyVersion(r -> r.policyArn(PROD_TEAM_ACCESS).setAsDefault(true).policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                            + "\"Resource\":\"*\"}]}"));
        }
        try (Demo second = Demo.start(settings);
             IamClient prod = iam(second, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")) {
            assertThat(prod.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).hasSize(1);
            assertThat(attached(prod, "Admin")).containsExactly(PROD_TEAM_ACCESS);
            assertThat(defaultDocument(prod, PROD_TEAM_ACCESS)).isEqualTo(DemoPolicies.TEAM_ACCESS.document());
            assertThat(prod.listPolicyVersions(r -> r.policyArn(PROD_TEAM_ACCESS)).versions()).hasSize(3);
        }
        try (Demo third = Demo.start(settings);
             IamClient prod = iam(third, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")) {
            assertThat(prod.listPolicyVersions(r -> r.policyArn(PROD_TEAM_ACCESS)).versions()).hasSize(3);
            assertThat(attached(prod, "Admin")).containsExactly(PROD_TEAM_ACCESS);
        }
    }

    private static java.util.List<String> attached(IamClient iam, String role) {
        return iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList();
    }

    private static String defaultDocument(IamClient iam, String arn) {
        String version = iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId();
        return URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(arn).versionId(version)).policyVersion()
                .document(), StandardCharsets.UTF_8);
    }

    private static IamClient iam(Demo demo, String key, String secret) {
        return IamClient.builder().endpointOverride(demo.awsEndpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
