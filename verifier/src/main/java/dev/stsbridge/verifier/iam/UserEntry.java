package dev.stsbridge.verifier.iam;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored user: the shared {@link IamUser}, its tags in order, its inline policies (by name), the managed policies
 * attached to it (in attachment order), its permissions boundary and its access keys.
 */
public record UserEntry(IamUser user, List<Tag> tags, List<InlinePolicy> inlinePolicies,
                        List<String> attachedPolicyArns, Optional<String> permissionsBoundary,
                        List<AccessKey> accessKeys) {
    public UserEntry {
        Objects.requireNonNull(user, "user");
        tags = List.copyOf(tags);
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
        accessKeys = List.copyOf(accessKeys);
    }

    public Optional<InlinePolicy> inlinePolicy(String name) {
        return inlinePolicies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The tags replaced, in {@link IamUser#tags()} as well. */
    public UserEntry withTags(List<Tag> next) {
        IamUser u = user;
        return new UserEntry(new IamUser(u.arn(), u.accountId(), u.name(), u.path(), u.userId(), u.createDate(),
                Tag.asMap(next)), next, inlinePolicies, attachedPolicyArns, permissionsBoundary, accessKeys);
    }

    public UserEntry withInlinePolicies(List<InlinePolicy> next) {
        return new UserEntry(user, tags, next, attachedPolicyArns, permissionsBoundary, accessKeys);
    }

    public UserEntry withAttachedPolicyArns(List<String> next) {
        return new UserEntry(user, tags, inlinePolicies, next, permissionsBoundary, accessKeys);
    }

    public UserEntry withAccessKeys(List<AccessKey> next) {
        return new UserEntry(user, tags, inlinePolicies, attachedPolicyArns, permissionsBoundary, next);
    }
}
