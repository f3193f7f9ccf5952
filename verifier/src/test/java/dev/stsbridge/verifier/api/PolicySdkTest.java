package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

/** Managed policies and their versions through the real AWS SDK for Java v2. */
class PolicySdkTest {

    static final String READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
    static final String WRITE = READ.replace("s3:GetObject", "s3:PutObject");

    private static Verifier verifier;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.systemUTC());
        iam = verifier.prodIam();
    }

    @AfterAll
    static void stop() {
        iam.close();
        verifier.close();
    }

    static String arn(String name) {
        return "arn:aws:iam::111122223333:policy/" + name;
    }

    static String create(IamClient iam, String name) {
        return iam.createPolicy(r -> r.policyName(name).policyDocument(READ)).policy().arn();
    }

    /** A policy document of exactly {@code size} characters not counting white space, padded with spaces too. */
    static String documentOfSize(int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/";
        String tail = "\"}]}";
        return head + "k".repeat(size - head.length() - tail.length()) + tail + "\n    \n";
    }

    static Consumer<IamException> refusal(int status, String code, String message) {
        return e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        };
    }

    static void assertRefused(ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, refusal(status, code, message));
    }

    private static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void createReturnsIamsPolicyShapeAndGetAddsTheDescription() {
        Policy created = iam.createPolicy(r -> r.policyName("Readers").path("/team/").policyDocument(READ)
                .description("read the bucket").tags(Tag.builder().key("env").value("prod").build())).policy();

        assertThat(created.arn()).isEqualTo("arn:aws:iam::111122223333:policy/team/Readers");
        assertThat(created.policyId()).matches("ANPA[A-Z0-9]{17}");
        assertThat(created.path()).isEqualTo("/team/");
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        assertThat(created.attachmentCount()).isZero();
        assertThat(created.permissionsBoundaryUsageCount()).isZero();
        assertThat(created.isAttachable()).isTrue();
        assertThat(created.updateDate()).isEqualTo(created.createDate());
        assertThat(created.description()).as("CreatePolicy does not return it").isNull();
        assertThat(created.tags()).extracting(Tag::key).containsExactly("env");

        Policy got = iam.getPolicy(r -> r.policyArn(created.arn())).policy();
        assertThat(got.policyId()).isEqualTo(created.policyId());
        assertThat(got.description()).isEqualTo("read the bucket");
        assertThat(got.tags()).extracting(Tag::value).containsExactly("prod");
        PolicyVersion v1 = iam.getPolicyVersion(r -> r.policyArn(created.arn()).versionId("v1")).policyVersion();
        assertThat(v1.document()).startsWith("%7B%22Version%22");
        assertThat(decoded(v1.document())).isEqualTo(READ);
        assertThat(v1.isDefaultVersion()).isTrue();
    }

    @Test
    void createWhenNameExistsIgnoringCaseThenEntityAlreadyExists() {
        create(iam, "Twice");

        assertRefused(() -> iam.createPolicy(r -> r.policyName("TWICE").path("/other/").policyDocument(READ)),
                409, "EntityAlreadyExists", "A policy called TWICE already exists. Duplicate names are not allowed.");
    }

    @Test
    void createWhenDocumentIsNotJsonThenMalformedPolicyDocument() {
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("Bad").policyDocument("{not json")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("This policy contains invalid Json");
                });
    }

    @Test
    void sizeQuotaIs6144CharactersNotCountingWhiteSpace() {
        iam.createPolicy(r -> r.policyName("Largest").policyDocument(documentOfSize(6144)));

        assertRefused(() -> iam.createPolicy(r -> r.policyName("TooLarge").policyDocument(documentOfSize(6145))),
                409, "LimitExceeded", "Cannot exceed quota for PolicySize: 6144");
        assertRefused(() -> iam.createPolicyVersion(r -> r.policyArn(arn("Largest"))
                        .policyDocument(documentOfSize(6145))), 409, "LimitExceeded",
                "Cannot exceed quota for PolicySize: 6144");
    }

    @Test
    void versionsAreNumberedListedNewestFirstAndOneIsTheDefault() {
        String arn = create(iam, "Versioned");

        PolicyVersion v2 = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(WRITE)).policyVersion();
        PolicyVersion v3 = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(WRITE).setAsDefault(true))
                .policyVersion();

        assertThat(v2.versionId()).isEqualTo("v2");
        assertThat(v2.isDefaultVersion()).isFalse();
        assertThat(v2.document()).as("CreatePolicyVersion does not return it").isNull();
        assertThat(v3.isDefaultVersion()).isTrue();
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v3");
        assertThat(iam.listPolicyVersions(r -> r.policyArn(arn)).versions())
                .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v3", true),
                        org.assertj.core.groups.Tuple.tuple("v2", false),
                        org.assertj.core.groups.Tuple.tuple("v1", false));

        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v3"));

        assertThat(iam.listPolicyVersions(r -> r.policyArn(arn)).versions()).extracting(PolicyVersion::versionId)
                .containsExactly("v2", "v1");
        assertThat(decoded(iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")).policyVersion().document()))
                .isEqualTo(READ);
        assertThat(iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(WRITE)).policyVersion().versionId())
                .as("version IDs are not reused").isEqualTo("v4");
    }

    @Test
    void aSixthVersionIsLimitExceeded() {
        String arn = create(iam, "Five");
        for (int i = 0; i < 4; i++) {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(WRITE));
        }

        assertRefused(() -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(WRITE)), 409,
                "LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, you "
                        + "must delete an existing version.");
    }

    @Test
    void theDefaultVersionCannotBeDeletedAndMissingVersionsAreNoSuchEntity() {
        String arn = create(iam, "DefaultKept");

        assertRefused(() -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v1")), 409, "DeleteConflict",
                "Cannot delete the default version of a policy.");
        assertRefused(() -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v7")), 404, "NoSuchEntity",
                "Policy " + arn + " version v7 does not exist or is not attachable.");
        assertRefused(() -> iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v2")), 404, "NoSuchEntity",
                "Policy " + arn + " version v2 does not exist or is not attachable.");
    }

    @Test
    void deleteWhenOtherVersionsExistThenDeleteConflictAndAfterwardsTheyAreGone() {
        String arn = create(iam, "Deleted");
        iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(WRITE));

        assertRefused(() -> iam.deletePolicy(r -> r.policyArn(arn)), 409, "DeleteConflict",
                "This policy has more than one version. Before you delete a policy, you must delete the policy's "
                        + "versions. The default version is deleted with the policy.");

        iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2"));
        iam.deletePolicy(r -> r.policyArn(arn));

        assertRefused(() -> iam.getPolicy(r -> r.policyArn(arn)), 404, "NoSuchEntity",
                "Policy " + arn + " was not found.");
    }

    @Test
    void listPoliciesFiltersByScopePathAndAttachmentAndPages() {
        for (String name : new String[] {"PageA", "PageB", "PageC"}) {
            iam.createPolicy(r -> r.policyName(name).path("/paged/").policyDocument(READ));
        }

        ListPoliciesResponse first = iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).pathPrefix("/paged/")
                .maxItems(2));
        ListPoliciesResponse rest = iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).pathPrefix("/paged/")
                .marker(first.marker()));

        assertThat(first.policies()).extracting(Policy::policyName).containsExactly("PageA", "PageB");
        assertThat(first.isTruncated()).isTrue();
        assertThat(rest.policies()).extracting(Policy::policyName).containsExactly("PageC");
        assertThat(rest.isTruncated()).isFalse();
        assertThat(first.policies().get(0).description()).isNull();
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies()).extracting(Policy::policyName)
                .containsExactly("AdministratorAccess", "AmazonS3ReadOnlyAccess", "PowerUserAccess");
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).onlyAttached(true)).policies()
                .stream().filter(p -> p.path().equals("/paged/"))).isEmpty();
        assertThat(iam.listPolicies(r -> r.pathPrefix("/paged/")).policies()).hasSize(3);
    }

    @Test
    void awsManagedPoliciesAreInEveryAccountAndCannotBeChanged() {
        String admin = "arn:aws:iam::aws:policy/AdministratorAccess";

        Policy policy = iam.getPolicy(r -> r.policyArn(admin)).policy();
        assertThat(policy.policyName()).isEqualTo("AdministratorAccess");
        assertThat(policy.policyId()).isEqualTo("ANPAIWMBCKSKIEE64ZLYK");
        assertThat(decoded(iam.getPolicyVersion(r -> r.policyArn(admin).versionId("v1")).policyVersion().document()))
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"}]}");
        String s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        assertThat(decoded(iam.getPolicyVersion(r -> r.policyArn(s3).versionId("v3")).policyVersion().document()))
                .contains("\"s3:Get*\",\"s3:List*\",\"s3:Describe*\",\"s3-object-lambda:Get*\"");
        try (IamClient dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET)) {
            assertThat(dev.getPolicy(r -> r.policyArn(admin)).policy().arn()).isEqualTo(admin);
        }

        assertRefused(() -> iam.deletePolicy(r -> r.policyArn(admin)), 403, "AccessDenied",
                "User: arn:aws:iam::111122223333:root is not authorized to perform: iam:DeletePolicy on resource: "
                        + admin + " because no resource-based policy allows the iam:DeletePolicy action");
        assertRefused(() -> iam.createPolicyVersion(r -> r.policyArn(admin).policyDocument(READ)), 403,
                "AccessDenied", "User: arn:aws:iam::111122223333:root is not authorized to perform: "
                        + "iam:CreatePolicyVersion on resource: " + admin + " because no resource-based policy allows "
                        + "the iam:CreatePolicyVersion action");
    }

    @Test
    void aPolicyOfAnotherAccountIsAccessDeniedAndANonPolicyArnIsInvalidInput() {
        String arn = create(iam, "ProdOnly");

        try (IamClient dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET)) {
            assertThatThrownBy(() -> dev.getPolicy(r -> r.policyArn(arn)))
                    .isInstanceOfSatisfying(IamException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        assertRefused(() -> iam.getPolicy(r -> r.policyArn("arn:aws:iam::111122223333:user/alice")), 400,
                "InvalidInput", "ARN arn:aws:iam::111122223333:user/alice is not valid.");
    }
}
