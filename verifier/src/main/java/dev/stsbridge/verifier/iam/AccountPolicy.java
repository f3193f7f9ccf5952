package dev.stsbridge.verifier.iam;

import java.util.Objects;

/**
 * A managed policy as one account sees it: with how many of its roles have it attached and use it as their
 * permissions boundary (IAM's {@code AttachmentCount} and {@code PermissionsBoundaryUsageCount}).
 */
public record AccountPolicy(ManagedPolicy policy, int attachmentCount, int permissionsBoundaryUsageCount) {
    public AccountPolicy {
        Objects.requireNonNull(policy, "policy");
    }

    static AccountPolicy of(IamSnapshot snapshot, String accountId, ManagedPolicy policy) {
        return new AccountPolicy(policy, snapshot.attachmentCount(accountId, policy.arn()),
                snapshot.boundaryUsageCount(accountId, policy.arn()));
    }
}
