package dev.stsbridge.verifier.iam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;

/**
 * IAM's operations on a role's permissions, in the caller's account: attached managed policies (at most
 * {@value #MAX_MANAGED_POLICIES_PER_ROLE}), inline policies (names unique per role, documents checked by the injected
 * {@link PermissionPolicyValidator}, all of a role's together at most {@value #INLINE_POLICY_QUOTA} characters not
 * counting white space) and the permissions boundary.
 */
public final class RolePolicies {

    public static final int MAX_MANAGED_POLICIES_PER_ROLE = 10;
    public static final int INLINE_POLICY_QUOTA = 10240;

    private final IamStore store;
    private final PermissionPolicyValidator validator;

    public RolePolicies(IamStore store, PermissionPolicyValidator validator) {
        this.store = Objects.requireNonNull(store, "store");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** Attaches a managed policy; attaching it again changes nothing. */
    public void attach(IamCaller caller, String roleName, String policyArn) {
        store.change(snapshot -> {
            RoleEntry role = Roles.require(snapshot, caller, roleName);
            ManagedPolicy policy = PolicyDocuments.attachable(snapshot, caller, policyArn,
                    "Policy " + policyArn + " does not exist or is not attachable.");
            if (role.attachedPolicyArns().contains(policy.arn())) {
                return new Change<>(snapshot, role);
            }
            if (role.attachedPolicyArns().size() >= MAX_MANAGED_POLICIES_PER_ROLE) {
                throw PolicyDocuments.limitExceeded("Cannot exceed quota for PoliciesPerRole: "
                        + MAX_MANAGED_POLICIES_PER_ROLE + ".");
            }
            List<String> attached = new ArrayList<>(role.attachedPolicyArns());
            attached.add(policy.arn());
            return changed(snapshot, role.withAttachedPolicyArns(attached));
        });
    }

    public void detach(IamCaller caller, String roleName, String policyArn) {
        store.change(snapshot -> {
            RoleEntry role = Roles.require(snapshot, caller, roleName);
            PolicyDocuments.parse(policyArn);
            if (!role.attachedPolicyArns().contains(policyArn)) {
                throw noSuchEntity("Policy " + policyArn + " was not found.");
            }
            return changed(snapshot, role.withAttachedPolicyArns(
                    role.attachedPolicyArns().stream().filter(arn -> !arn.equals(policyArn)).toList()));
        });
    }

    /** The managed policies attached to a role whose path starts with {@code pathPrefix}, in attachment order. */
    public List<ManagedPolicy> attached(IamCaller caller, String roleName, Optional<String> pathPrefix) {
        IamSnapshot snapshot = store.snapshot();
        return Roles.require(snapshot, caller, roleName).attachedPolicyArns().stream()
                .flatMap(arn -> snapshot.policy(arn).stream())
                .filter(p -> p.path().startsWith(pathPrefix.orElse("/")))
                .toList();
    }

    /** Adds an inline policy or replaces the one of that name. */
    public void put(IamCaller caller, String roleName, String policyName, String document) {
        validator.validate(document);
        store.change(snapshot -> {
            RoleEntry role = Roles.require(snapshot, caller, roleName);
            List<InlinePolicy> policies = new ArrayList<>(role.inlinePolicies().stream()
                    .filter(p -> !p.name().equals(policyName)).toList());
            policies.add(new InlinePolicy(policyName, document));
            long size = policies.stream().mapToLong(p -> PolicyDocuments.size(p.document())).sum();
            if (size > INLINE_POLICY_QUOTA) {
                throw PolicyDocuments.limitExceeded("Maximum policy size of " + INLINE_POLICY_QUOTA
                        + " bytes exceeded for role " + role.role().name());
            }
            policies.sort(Comparator.comparing(InlinePolicy::name));
            return changed(snapshot, role.withInlinePolicies(policies));
        });
    }

    public InlinePolicy get(IamCaller caller, String roleName, String policyName) {
        return requireInline(Roles.require(store.snapshot(), caller, roleName), policyName);
    }

    public void delete(IamCaller caller, String roleName, String policyName) {
        store.change(snapshot -> {
            RoleEntry role = Roles.require(snapshot, caller, roleName);
            InlinePolicy policy = requireInline(role, policyName);
            return changed(snapshot, role.withInlinePolicies(
                    role.inlinePolicies().stream().filter(p -> p != policy).toList()));
        });
    }

    /** A role's inline policies, by name. */
    public List<InlinePolicy> inline(IamCaller caller, String roleName) {
        return Roles.require(store.snapshot(), caller, roleName).inlinePolicies();
    }

    public void putBoundary(IamCaller caller, String roleName, String policyArn) {
        store.change(snapshot -> {
            RoleEntry role = Roles.require(snapshot, caller, roleName);
            ManagedPolicy boundary = PolicyDocuments.boundary(snapshot, caller, policyArn);
            return changed(snapshot, role.withPermissionsBoundary(Optional.of(boundary.arn())));
        });
    }

    /** Removes the boundary; a role without one stays as it is. */
    public void deleteBoundary(IamCaller caller, String roleName) {
        store.change(snapshot -> {
            RoleEntry role = Roles.require(snapshot, caller, roleName);
            return changed(snapshot, role.withPermissionsBoundary(Optional.empty()));
        });
    }

    private static Change<RoleEntry> changed(IamSnapshot snapshot, RoleEntry next) {
        return new Change<>(snapshot.withRole(next), next);
    }

    private static InlinePolicy requireInline(RoleEntry role, String policyName) {
        return role.inlinePolicy(policyName).orElseThrow(() ->
                noSuchEntity("The role policy with name " + policyName + " cannot be found."));
    }

    private static AwsException noSuchEntity(String message) {
        return AwsError.sender("NoSuchEntity", message, 404).exception();
    }
}
