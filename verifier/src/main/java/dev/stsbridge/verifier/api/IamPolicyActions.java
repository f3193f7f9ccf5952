package dev.stsbridge.verifier.api;

import static dev.stsbridge.verifier.api.IamAction.action;
import static dev.stsbridge.verifier.api.IamAction.noResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.verifier.iam.AccountPolicy;
import dev.stsbridge.verifier.iam.IamCaller;
import dev.stsbridge.verifier.iam.InlinePolicy;
import dev.stsbridge.verifier.iam.ManagedPolicies;
import dev.stsbridge.verifier.iam.ManagedPolicy;
import dev.stsbridge.verifier.iam.PolicyVersion;
import dev.stsbridge.verifier.iam.RolePolicies;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.XmlWriter;

/**
 * IAM's permission-policy actions: managed policies and their versions ({@link ManagedPolicies}) and a role's
 * attached, inline and boundary policies ({@link RolePolicies}), in the botocore model's output shapes. As AWS
 * does: {@code Policy} in CreatePolicy without Description, in ListPolicies without Description and Tags; policy
 * versions' {@code Document} (URL-encoded, RFC 3986) only in GetPolicyVersion; GetRolePolicy's document URL-encoded.
 */
public final class IamPolicyActions {

    private final ManagedPolicies policies;
    private final RolePolicies rolePolicies;

    private IamPolicyActions(ManagedPolicies policies, RolePolicies rolePolicies) {
        this.policies = policies;
        this.rolePolicies = rolePolicies;
    }

    public static List<QueryAction> actions(ManagedPolicies policies, RolePolicies rolePolicies) {
        IamPolicyActions a = new IamPolicyActions(policies, rolePolicies);
        return List.of(
                action("CreatePolicy", a::createPolicy, c -> policyArn(c, c.optional("PolicyName"))),
                action("GetPolicy", a::getPolicy, IamPolicyActions::policyArn),
                noResult("DeletePolicy", a::deletePolicy, IamPolicyActions::policyArn),
                action("ListPolicies", a::listPolicies, c -> policyArn(c, Optional.of("*"))),
                action("CreatePolicyVersion", a::createPolicyVersion, IamPolicyActions::policyArn),
                action("GetPolicyVersion", a::getPolicyVersion, IamPolicyActions::policyArn),
                action("ListPolicyVersions", a::listPolicyVersions, IamPolicyActions::policyArn),
                noResult("DeletePolicyVersion", a::deletePolicyVersion, IamPolicyActions::policyArn),
                noResult("SetDefaultPolicyVersion", a::setDefaultPolicyVersion, IamPolicyActions::policyArn),
                noResult("AttachRolePolicy", a::attachRolePolicy, IamPolicyActions::roleArn),
                noResult("DetachRolePolicy", a::detachRolePolicy, IamPolicyActions::roleArn),
                action("ListAttachedRolePolicies", a::listAttachedRolePolicies, IamPolicyActions::roleArn),
                noResult("PutRolePolicy", a::putRolePolicy, IamPolicyActions::roleArn),
                action("GetRolePolicy", a::getRolePolicy, IamPolicyActions::roleArn),
                noResult("DeleteRolePolicy", a::deleteRolePolicy, IamPolicyActions::roleArn),
                action("ListRolePolicies", a::listRolePolicies, IamPolicyActions::roleArn),
                noResult("PutRolePermissionsBoundary", a::putRolePermissionsBoundary, IamPolicyActions::roleArn),
                noResult("DeleteRolePermissionsBoundary", a::deleteRolePermissionsBoundary,
                        IamPolicyActions::roleArn));
    }

    private static String policyArn(ActionCall call) {
        return call.optional("PolicyArn").orElse("");
    }

    private static String policyArn(ActionCall call, Optional<String> name) {
        return "arn:aws:iam::" + call.caller().accountId() + ":policy/" + name.orElse("");
    }

    private static String roleArn(ActionCall call) {
        return IamAction.roleArn(call, call.optional("RoleName"));
    }

    private void createPolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        AccountPolicy created = policies.create(caller, new ManagedPolicies.NewPolicy(call.required("PolicyName"),
                call.optional("Path"), call.required("PolicyDocument"), call.optional("Description"),
                IamAction.tags(call)));
        writePolicy(xml, "Policy", created, PolicyView.CREATED);
    }

    private void getPolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        writePolicy(xml, "Policy", policies.get(caller, call.required("PolicyArn")), PolicyView.GET);
    }

    private void deletePolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        policies.delete(caller, call.required("PolicyArn"));
    }

    private void listPolicies(IamCaller caller, ActionCall call, XmlWriter xml) {
        ManagedPolicies.Filter filter = new ManagedPolicies.Filter(
                call.optional("Scope").map(ManagedPolicies.Scope::valueOf).orElse(ManagedPolicies.Scope.All),
                IamAction.bool(call, "OnlyAttached"), call.optional("PathPrefix").orElse("/"),
                call.optional("PolicyUsageFilter").map(ManagedPolicies.Usage::valueOf));
        IamAction.page(call, xml, "Policies", policies.list(caller, filter),
                (out, p) -> writePolicy(out, "member", p, PolicyView.LISTED));
    }

    private void createPolicyVersion(IamCaller caller, ActionCall call, XmlWriter xml) {
        String arn = call.required("PolicyArn");
        boolean setAsDefault = IamAction.bool(call, "SetAsDefault");
        PolicyVersion version = policies.createVersion(caller, arn, call.required("PolicyDocument"), setAsDefault);
        writeVersion(xml, "PolicyVersion", version, setAsDefault, false);
    }

    private void getPolicyVersion(IamCaller caller, ActionCall call, XmlWriter xml) {
        String arn = call.required("PolicyArn");
        PolicyVersion version = policies.version(caller, arn, call.required("VersionId"));
        boolean isDefault = policies.versions(caller, arn).defaultVersionId().equals(version.versionId());
        writeVersion(xml, "PolicyVersion", version, isDefault, true);
    }

    private void listPolicyVersions(IamCaller caller, ActionCall call, XmlWriter xml) {
        ManagedPolicy policy = policies.versions(caller, call.required("PolicyArn"));
        List<PolicyVersion> newestFirst = new ArrayList<>(policy.versions());
        Collections.reverse(newestFirst);
        IamAction.page(call, xml, "Versions", newestFirst, (out, v) ->
                writeVersion(out, "member", v, v.versionId().equals(policy.defaultVersionId()), false));
    }

    private void deletePolicyVersion(IamCaller caller, ActionCall call, XmlWriter xml) {
        policies.deleteVersion(caller, call.required("PolicyArn"), call.required("VersionId"));
    }

    private void setDefaultPolicyVersion(IamCaller caller, ActionCall call, XmlWriter xml) {
        policies.setDefaultVersion(caller, call.required("PolicyArn"), call.required("VersionId"));
    }

    private void attachRolePolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        rolePolicies.attach(caller, call.required("RoleName"), call.required("PolicyArn"));
    }

    private void detachRolePolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        rolePolicies.detach(caller, call.required("RoleName"), call.required("PolicyArn"));
    }

    private void listAttachedRolePolicies(IamCaller caller, ActionCall call, XmlWriter xml) {
        List<ManagedPolicy> attached = rolePolicies.attached(caller, call.required("RoleName"),
                call.optional("PathPrefix"));
        IamAction.page(call, xml, "AttachedPolicies", attached, (out, p) -> out.start("member")
                .element("PolicyName", p.name()).element("PolicyArn", p.arn()).end());
    }

    private void putRolePolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        rolePolicies.put(caller, call.required("RoleName"), call.required("PolicyName"),
                call.required("PolicyDocument"));
    }

    private void getRolePolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        String roleName = call.required("RoleName");
        InlinePolicy policy = rolePolicies.get(caller, roleName, call.required("PolicyName"));
        xml.element("RoleName", roleName).element("PolicyName", policy.name())
                .element("PolicyDocument", IamAction.rfc3986(policy.document()));
    }

    private void deleteRolePolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        rolePolicies.delete(caller, call.required("RoleName"), call.required("PolicyName"));
    }

    private void listRolePolicies(IamCaller caller, ActionCall call, XmlWriter xml) {
        IamAction.page(call, xml, "PolicyNames", rolePolicies.inline(caller, call.required("RoleName")),
                (out, p) -> out.element("member", p.name()));
    }

    private void putRolePermissionsBoundary(IamCaller caller, ActionCall call, XmlWriter xml) {
        rolePolicies.putBoundary(caller, call.required("RoleName"), call.required("PermissionsBoundary"));
    }

    private void deleteRolePermissionsBoundary(IamCaller caller, ActionCall call, XmlWriter xml) {
        rolePolicies.deleteBoundary(caller, call.required("RoleName"));
    }

    private enum PolicyView { CREATED, GET, LISTED }

    private static void writePolicy(XmlWriter xml, String element, AccountPolicy use, PolicyView view) {
        ManagedPolicy p = use.policy();
        xml.start(element).element("PolicyName", p.name()).element("PolicyId", p.policyId()).element("Arn", p.arn())
                .element("Path", p.path()).element("DefaultVersionId", p.defaultVersionId())
                .element("AttachmentCount", use.attachmentCount())
                .element("PermissionsBoundaryUsageCount", use.permissionsBoundaryUsageCount())
                .element("IsAttachable", true);
        if (view == PolicyView.GET) {
            p.description().ifPresent(d -> xml.element("Description", d));
        }
        xml.element("CreateDate", p.createDate()).element("UpdateDate", p.updateDate());
        if (view != PolicyView.LISTED && !p.tags().isEmpty()) {
            IamAction.writeTags(xml, p.tags());
        }
        xml.end();
    }

    private static void writeVersion(XmlWriter xml, String element, PolicyVersion version, boolean isDefault,
                                     boolean withDocument) {
        xml.start(element);
        if (withDocument) {
            xml.element("Document", IamAction.rfc3986(version.document()));
        }
        xml.element("VersionId", version.versionId()).element("IsDefaultVersion", isDefault)
                .element("CreateDate", version.createDate()).end();
    }
}
