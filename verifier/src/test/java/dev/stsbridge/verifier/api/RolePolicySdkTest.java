package dev.stsbridge.verifier.api;

import static dev.stsbridge.verifier.api.PolicySdkTest.READ;
import static dev.stsbridge.verifier.api.PolicySdkTest.arn;
import static dev.stsbridge.verifier.api.PolicySdkTest.assertRefused;
import static dev.stsbridge.verifier.api.PolicySdkTest.create;
import static dev.stsbridge.verifier.api.PolicySdkTest.documentOfSize;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.iam.AwsManagedPolicies;
import dev.stsbridge.verifier.iam.PermissionPolicy;
import dev.stsbridge.verifier.iam.RolePermissions;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** A role's attached, inline and boundary policies and its tags, through the real AWS SDK for Java v2. */
class RolePolicySdkTest {

    private static final String ACCOUNT_ROLE = "arn:aws:iam::111122223333:role/";

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

    private static void role(String name) {
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(RoleSdkTest.TRUST));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    void attachListAndDetachManagedPoliciesWithTheirAttachmentCount() {
        role("Attached");
        String own = create(iam, "AttachedOwn");

        iam.attachRolePolicy(r -> r.roleName("Attached").policyArn(own));
        iam.attachRolePolicy(r -> r.roleName("attached").policyArn(AwsManagedPolicies.S3_READ_ONLY_ACCESS));
        iam.attachRolePolicy(r -> r.roleName("Attached").policyArn(own));

        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("Attached")).attachedPolicies())
                .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AttachedOwn", own),
                        org.assertj.core.groups.Tuple.tuple("AmazonS3ReadOnlyAccess",
                                AwsManagedPolicies.S3_READ_ONLY_ACCESS));
        assertThat(iam.getPolicy(r -> r.policyArn(own)).policy().attachmentCount()).isEqualTo(1);
        assertRefused(() -> iam.deletePolicy(r -> r.policyArn(own)), 409, "DeleteConflict",
                "Cannot delete a policy attached to entities.");

        iam.detachRolePolicy(r -> r.roleName("Attached").policyArn(own));

        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("Attached")).attachedPolicies())
                .extracting(AttachedPolicy::policyName).containsExactly("AmazonS3ReadOnlyAccess");
        assertThat(iam.getPolicy(r -> r.policyArn(own)).policy().attachmentCount()).isZero();
        assertRefused(() -> iam.detachRolePolicy(r -> r.roleName("Attached").policyArn(own)), 404, "NoSuchEntity",
                "Policy " + own + " was not found.");
    }

    @Test
    void attachWhenPolicyOrRoleIsMissingThenNoSuchEntity() {
        role("AttachMissing");
        String missing = arn("Nowhere");

        assertRefused(() -> iam.attachRolePolicy(r -> r.roleName("AttachMissing").policyArn(missing)), 404,
                "NoSuchEntity", "Policy " + missing + " does not exist or is not attachable.");
        assertRefused(() -> iam.attachRolePolicy(r -> r.roleName("NoRole")
                        .policyArn(AwsManagedPolicies.ADMINISTRATOR_ACCESS)), 404, "NoSuchEntity",
                "The role with name NoRole cannot be found.");
    }

    @Test
    void anEleventhManagedPolicyIsLimitExceeded() {
        role("Crowded");
        List<String> arns = IntStream.rangeClosed(1, 11).mapToObj(i -> create(iam, "Crowd" + i)).toList();
        arns.subList(0, 10).forEach(arn -> iam.attachRolePolicy(r -> r.roleName("Crowded").policyArn(arn)));

        assertRefused(() -> iam.attachRolePolicy(r -> r.roleName("Crowded").policyArn(arns.get(10))), 409,
                "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10.");
    }

    @Test
    void inlinePoliciesArePutReplacedListedReadAndDeleted() {
        role("Inline");
        iam.putRolePolicy(r -> r.roleName("Inline").policyName("b-write").policyDocument(PolicySdkTest.WRITE));
        iam.putRolePolicy(r -> r.roleName("Inline").policyName("a-read").policyDocument(PolicySdkTest.WRITE));
        iam.putRolePolicy(r -> r.roleName("Inline").policyName("a-read").policyDocument(READ));

        assertThat(iam.listRolePolicies(r -> r.roleName("Inline")).policyNames()).containsExactly("a-read", "b-write");
        GetRolePolicyResponse got = iam.getRolePolicy(r -> r.roleName("Inline").policyName("a-read"));
        assertThat(got.roleName()).isEqualTo("Inline");
        assertThat(got.policyDocument()).startsWith("%7B%22Version%22");
        assertThat(URLDecoder.decode(got.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(READ);

        iam.deleteRolePolicy(r -> r.roleName("Inline").policyName("a-read"));

        assertThat(iam.listRolePolicies(r -> r.roleName("Inline")).policyNames()).containsExactly("b-write");
        assertRefused(() -> iam.getRolePolicy(r -> r.roleName("Inline").policyName("a-read")), 404, "NoSuchEntity",
                "The role policy with name a-read cannot be found.");
        assertRefused(() -> iam.deleteRolePolicy(r -> r.roleName("Inline").policyName("a-read")), 404,
                "NoSuchEntity", "The role policy with name a-read cannot be found.");
    }

    @Test
    void inlinePoliciesOfARoleShareA10240CharacterQuota() {
        role("InlineFull");
        iam.putRolePolicy(r -> r.roleName("InlineFull").policyName("one").policyDocument(documentOfSize(6000)));
        iam.putRolePolicy(r -> r.roleName("InlineFull").policyName("two").policyDocument(documentOfSize(4240)));

        assertRefused(() -> iam.putRolePolicy(r -> r.roleName("InlineFull").policyName("two")
                        .policyDocument(documentOfSize(4241))), 409, "LimitExceeded",
                "Maximum policy size of 10240 bytes exceeded for role InlineFull");
    }

    @Test
    void putRolePolicyWhenDocumentIsNotJsonThenMalformedPolicyDocument() {
        role("InlineBad");

        assertRefused(() -> iam.putRolePolicy(r -> r.roleName("InlineBad").policyName("bad").policyDocument("[")),
                400, "MalformedPolicyDocument", "This policy contains invalid Json");
    }

    @Test
    void permissionsBoundaryIsSetAtCreationOrLaterAndShownByGetRole() {
        String boundary = create(iam, "Boundary");
        iam.createRole(r -> r.roleName("Bounded").assumeRolePolicyDocument(RoleSdkTest.TRUST)
                .permissionsBoundary(boundary));
        role("BoundedLater");

        iam.putRolePermissionsBoundary(r -> r.roleName("BoundedLater")
                .permissionsBoundary(AwsManagedPolicies.POWER_USER_ACCESS));

        Role bounded = iam.getRole(r -> r.roleName("Bounded")).role();
        assertThat(bounded.permissionsBoundary().permissionsBoundaryTypeAsString()).isEqualTo("Policy");
        assertThat(bounded.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
        assertThat(iam.getRole(r -> r.roleName("BoundedLater")).role().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(AwsManagedPolicies.POWER_USER_ACCESS);
        assertThat(iam.getPolicy(r -> r.policyArn(boundary)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
        assertRefused(() -> iam.deletePolicy(r -> r.policyArn(boundary)), 409, "DeleteConflict",
                "Cannot delete a policy attached to entities.");

        iam.deleteRolePermissionsBoundary(r -> r.roleName("Bounded"));

        assertThat(iam.getRole(r -> r.roleName("Bounded")).role().permissionsBoundary()).isNull();
        iam.deletePolicy(r -> r.policyArn(boundary));
    }

    @Test
    void permissionsBoundaryThatDoesNotExistOrIsNoPolicyArnIsRefused() {
        role("Unbounded");
        String missing = arn("NoBoundary");

        assertRefused(() -> iam.createRole(r -> r.roleName("BadBoundary").assumeRolePolicyDocument(RoleSdkTest.TRUST)
                .permissionsBoundary(missing)), 404, "NoSuchEntity",
                "Scope ARN: " + missing + " does not exist or is not attachable.");
        assertRefused(() -> iam.putRolePermissionsBoundary(r -> r.roleName("Unbounded").permissionsBoundary(missing)),
                404, "NoSuchEntity", "Scope ARN: " + missing + " does not exist or is not attachable.");
        assertRefused(() -> iam.putRolePermissionsBoundary(r -> r.roleName("Unbounded")
                        .permissionsBoundary("arn:aws:iam::111122223333:role/Unbounded")), 400, "InvalidInput",
                "ARN arn:aws:iam::111122223333:role/Unbounded is not valid.");
    }

    @Test
    void tagsAreAddedReplacedListedRemovedAndSeenByTheTrustPolicyEvaluator() {
        iam.createRole(r -> r.roleName("Tagged").assumeRolePolicyDocument(RoleSdkTest.TRUST)
                .tags(tag("team", "blue"), tag("env", "dev")));

        iam.tagRole(r -> r.roleName("Tagged").tags(tag("ENV", "prod"), tag("cost", "42")));

        ListRoleTagsResponse tags = iam.listRoleTags(r -> r.roleName("Tagged"));
        assertThat(tags.tags()).extracting(Tag::key, Tag::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("team", "blue"), org.assertj.core.groups.Tuple.tuple("ENV", "prod"),
                org.assertj.core.groups.Tuple.tuple("cost", "42"));
        assertThat(tags.isTruncated()).isFalse();
        assertThat(verifier.app.core().iam().role(ACCOUNT_ROLE + "Tagged").orElseThrow().tags())
                .isEqualTo(Map.of("team", "blue", "ENV", "prod", "cost", "42"));

        iam.untagRole(r -> r.roleName("Tagged").tagKeys("team", "Cost", "absent"));

        assertThat(iam.listRoleTags(r -> r.roleName("Tagged")).tags()).extracting(Tag::key).containsExactly("ENV");
        assertThat(verifier.app.core().iam().role(ACCOUNT_ROLE + "Tagged").orElseThrow().tags())
                .isEqualTo(Map.of("ENV", "prod"));
    }

    @Test
    void tagRoleBeyondFiftyTagsIsLimitExceeded() {
        role("ManyTags");
        iam.tagRole(r -> r.roleName("ManyTags").tags(IntStream.range(0, 30).mapToObj(i -> tag("a" + i, "")).toList()));

        assertRefused(() -> iam.tagRole(r -> r.roleName("ManyTags")
                        .tags(IntStream.range(0, 21).mapToObj(i -> tag("b" + i, "")).toList())), 409, "LimitExceeded",
                "Cannot exceed quota for TagsPerRole: 50.");
        assertRefused(() -> iam.tagRole(r -> r.roleName("ManyTags").tags(tag("k", "1"), tag("K", "2"))), 400,
                "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    }

    @Test
    void deleteRoleWhilePoliciesAreAttachedOrInlineIsDeleteConflict() {
        role("Busy");
        iam.attachRolePolicy(r -> r.roleName("Busy").policyArn(AwsManagedPolicies.ADMINISTRATOR_ACCESS));
        iam.putRolePolicy(r -> r.roleName("Busy").policyName("inline").policyDocument(READ));

        assertRefused(() -> iam.deleteRole(r -> r.roleName("Busy")), 409, "DeleteConflict",
                "Cannot delete entity, must detach all policies first.");
        iam.detachRolePolicy(r -> r.roleName("Busy").policyArn(AwsManagedPolicies.ADMINISTRATOR_ACCESS));
        assertRefused(() -> iam.deleteRole(r -> r.roleName("Busy")), 409, "DeleteConflict",
                "Cannot delete entity, must delete policies first.");
        iam.deleteRolePolicy(r -> r.roleName("Busy").policyName("inline"));

        iam.deleteRole(r -> r.roleName("Busy"));
    }

    @Test
    void permissionsAreInlineByNameThenAttachedInOrderWithDefaultVersionsAndTheBoundary() {
        role("Engine");
        String own = create(iam, "EngineOwn");
        iam.createPolicyVersion(r -> r.policyArn(own).policyDocument(PolicySdkTest.WRITE).setAsDefault(true));
        iam.putRolePolicy(r -> r.roleName("Engine").policyName("zeta").policyDocument(READ));
        iam.putRolePolicy(r -> r.roleName("Engine").policyName("alpha").policyDocument(PolicySdkTest.WRITE));
        iam.attachRolePolicy(r -> r.roleName("Engine").policyArn(own));
        iam.attachRolePolicy(r -> r.roleName("Engine").policyArn(AwsManagedPolicies.ADMINISTRATOR_ACCESS));
        iam.putRolePermissionsBoundary(r -> r.roleName("Engine")
                .permissionsBoundary(AwsManagedPolicies.S3_READ_ONLY_ACCESS));

        RolePermissions permissions = verifier.app.core().iam().permissions(ACCOUNT_ROLE + "engine");

        assertThat(permissions.identityPolicies())
                .extracting(PermissionPolicy::id, PermissionPolicy::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", PermissionPolicy.Kind.INLINE),
                        org.assertj.core.groups.Tuple.tuple("zeta", PermissionPolicy.Kind.INLINE),
                        org.assertj.core.groups.Tuple.tuple(own, PermissionPolicy.Kind.CUSTOMER_MANAGED),
                        org.assertj.core.groups.Tuple.tuple(AwsManagedPolicies.ADMINISTRATOR_ACCESS,
                                PermissionPolicy.Kind.AWS_MANAGED));
        assertThat(permissions.identityPolicies().get(2).document()).isEqualTo(PolicySdkTest.WRITE);
        assertThat(permissions.identityPolicies().get(2).name()).isEqualTo("EngineOwn");
        assertThat(permissions.boundary()).map(PermissionPolicy::name).contains("AmazonS3ReadOnlyAccess");
        assertThat(verifier.app.core().iam().permissions(ACCOUNT_ROLE + "Nobody")).isEqualTo(RolePermissions.NONE);
    }
}
