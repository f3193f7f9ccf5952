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
 * IAM's operations on a user's permission policies, in the caller's account: attached managed policies (at most
 * {@value #MAX_MANAGED_POLICIES_PER_USER}) and inline policies (names unique per user, documents checked by the
 * injected {@link PermissionPolicyValidator}, all of a user's together at most {@value #INLINE_POLICY_QUOTA}
 * characters not counting white space), as {@link RolePolicies} does for roles.
 */
public final class UserPolicies {

    public static final int MAX_MANAGED_POLICIES_PER_USER = 10;
    public static final int INLINE_POLICY_QUOTA = 2048;

    private final IamStore store;
    private final PermissionPolicyValidator validator;

    public UserPolicies(IamStore store, PermissionPolicyValidator validator) {
        this.store = Objects.requireNonNull(store, "store");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** Attaches a managed policy; attaching it again changes nothing. */
    public void attach(IamCaller caller, String userName, String policyArn) {
        store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            ManagedPolicy policy = PolicyDocuments.attachable(snapshot, caller, policyArn,
                    "Policy " + policyArn + " does not exist or is not attachable.");
            if (user.attachedPolicyArns().contains(policy.arn())) {
                return new Change<>(snapshot, user);
            }
            if (user.attachedPolicyArns().size() >= MAX_MANAGED_POLICIES_PER_USER) {
                throw PolicyDocuments.limitExceeded("Cannot exceed quota for PoliciesPerUser: "
                        + MAX_MANAGED_POLICIES_PER_USER + ".");
            }
            List<String> attached = new ArrayList<>(user.attachedPolicyArns());
            attached.add(policy.arn());
            return changed(snapshot, user.withAttachedPolicyArns(attached));
        });
    }

    public void detach(IamCaller caller, String userName, String policyArn) {
        store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            PolicyDocuments.parse(policyArn);
            if (!user.attachedPolicyArns().contains(policyArn)) {
                throw noSuchEntity("Policy " + policyArn + " was not found.");
            }
            return changed(snapshot, user.withAttachedPolicyArns(
                    user.attachedPolicyArns().stream().filter(arn -> !arn.equals(policyArn)).toList()));
        });
    }

    /** The managed policies attached to a user whose path starts with {@code pathPrefix}, in attachment order. */
    public List<ManagedPolicy> attached(IamCaller caller, String userName, Optional<String> pathPrefix) {
        IamSnapshot snapshot = store.snapshot();
        return Users.require(snapshot, caller, userName).attachedPolicyArns().stream()
                .flatMap(arn -> snapshot.policy(arn).stream())
                .filter(p -> p.path().startsWith(pathPrefix.orElse("/")))
                .toList();
    }

    /** Adds an inline policy or replaces the one of that name. */
    public void put(IamCaller caller, String userName, String policyName, String document) {
        validator.validate(document);
        store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            List<InlinePolicy> policies = new ArrayList<>(user.inlinePolicies().stream()
                    .filter(p -> !p.name().equals(policyName)).toList());
            policies.add(new InlinePolicy(policyName, document));
            long size = policies.stream().mapToLong(p -> PolicyDocuments.size(p.document())).sum();
            if (size > INLINE_POLICY_QUOTA) {
                throw PolicyDocuments.limitExceeded("Maximum policy size of " + INLINE_POLICY_QUOTA
                        + " bytes exceeded for user " + user.user().name());
            }
            policies.sort(Comparator.comparing(InlinePolicy::name));
            return changed(snapshot, user.withInlinePolicies(policies));
        });
    }

    public InlinePolicy get(IamCaller caller, String userName, String policyName) {
        return requireInline(Users.require(store.snapshot(), caller, userName), policyName);
    }

    public void delete(IamCaller caller, String userName, String policyName) {
        store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            InlinePolicy policy = requireInline(user, policyName);
            return changed(snapshot, user.withInlinePolicies(
                    user.inlinePolicies().stream().filter(p -> p != policy).toList()));
        });
    }

    /** A user's inline policies, by name. */
    public List<InlinePolicy> inline(IamCaller caller, String userName) {
        return Users.require(store.snapshot(), caller, userName).inlinePolicies();
    }

    private static Change<UserEntry> changed(IamSnapshot snapshot, UserEntry next) {
        return new Change<>(snapshot.withUser(next), next);
    }

    private static InlinePolicy requireInline(UserEntry user, String policyName) {
        return user.inlinePolicy(policyName).orElseThrow(() ->
                noSuchEntity("The user policy with name " + policyName + " cannot be found."));
    }

    private static AwsException noSuchEntity(String message) {
        return AwsError.sender("NoSuchEntity", message, 404).exception();
    }
}
