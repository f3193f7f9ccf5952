package dev.stsbridge.verifier.policy;

import java.util.Objects;

/**
 * A policy and where it came from.
 *
 * @param id the simulator's {@code SourcePolicyId}: {@code PolicyInputList.1}, an inline policy's name, a managed
 *           policy's name, {@code RoleTrustPolicy}...
 */
public record SourcedPolicy(String id, PolicySourceType type, Policy policy) {
    public SourcedPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(policy, "policy");
    }
}
