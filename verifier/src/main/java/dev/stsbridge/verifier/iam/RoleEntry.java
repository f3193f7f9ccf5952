package dev.stsbridge.verifier.iam;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored role with what the shared {@link IamRole} does not carry: its description, its tags in order, its inline
 * policies (by name), the ARNs of the managed policies attached to it (in attachment order) and its permissions
 * boundary (a managed policy ARN).
 */
public record RoleEntry(IamRole role, Optional<String> description, List<Tag> tags, List<InlinePolicy> inlinePolicies,
                        List<String> attachedPolicyArns, Optional<String> permissionsBoundary) {
    public RoleEntry {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
    }

    /** A role without permission policies or boundary. */
    public RoleEntry(IamRole role, Optional<String> description, List<Tag> tags) {
        this(role, description, tags, List.of(), List.of(), Optional.empty());
    }

    public Optional<InlinePolicy> inlinePolicy(String name) {
        return inlinePolicies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public RoleEntry withRole(IamRole next) {
        return new RoleEntry(next, description, tags, inlinePolicies, attachedPolicyArns, permissionsBoundary);
    }

    /** The tags replaced, in {@link IamRole#tags()} as well. */
    public RoleEntry withTags(List<Tag> next) {
        IamRole r = role;
        IamRole tagged = new IamRole(r.arn(), r.accountId(), r.name(), r.path(), r.roleId(),
                r.assumeRolePolicyDocument(), r.maxSessionDurationSeconds(), r.createDate(), Tag.asMap(next));
        return new RoleEntry(tagged, description, next, inlinePolicies, attachedPolicyArns, permissionsBoundary);
    }

    public RoleEntry withInlinePolicies(List<InlinePolicy> next) {
        return new RoleEntry(role, description, tags, next, attachedPolicyArns, permissionsBoundary);
    }

    public RoleEntry withAttachedPolicyArns(List<String> next) {
        return new RoleEntry(role, description, tags, inlinePolicies, next, permissionsBoundary);
    }

    public RoleEntry withPermissionsBoundary(Optional<String> next) {
        return new RoleEntry(role, description, tags, inlinePolicies, attachedPolicyArns, next);
    }
}
