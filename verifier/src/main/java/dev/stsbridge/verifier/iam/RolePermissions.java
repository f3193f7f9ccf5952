package dev.stsbridge.verifier.iam;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a role's sessions may do: its identity-based policies (inline, then attached managed ones, each in the order
 * IAM lists them) and its permissions boundary (a managed policy), if any.
 */
public record RolePermissions(List<PermissionPolicy> identityPolicies, Optional<PermissionPolicy> boundary) {
    public static final RolePermissions NONE = new RolePermissions(List.of(), Optional.empty());

    public RolePermissions {
        identityPolicies = List.copyOf(identityPolicies);
        Objects.requireNonNull(boundary, "boundary");
    }
}
