package dev.stsbridge.verifier.iam;

import java.util.Objects;

/**
 * One permission policy in force on a role, as the policy engine and the simulator name it.
 *
 * @param id inline: the policy name; managed: the policy ARN
 * @param name the policy name
 * @param kind inline, customer managed or AWS managed
 * @param document the policy JSON (decoded, as uploaded; for managed policies the default version's)
 */
public record PermissionPolicy(String id, String name, Kind kind, String document) {
    /** Where the policy lives. */
    public enum Kind { INLINE, CUSTOMER_MANAGED, AWS_MANAGED }

    public PermissionPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
    }
}
