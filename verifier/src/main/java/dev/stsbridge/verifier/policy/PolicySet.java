package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policies that decide one request, by type, as AWS's evaluation logic groups them.
 *
 * @param identity identity-based policies of the principal (inline and managed)
 * @param resource resource-based policies of the resource (a role's trust policy, a bucket policy)
 * @param boundary the principal's permissions boundary, when it has one (present and empty never happens)
 * @param session session policies of a role or federated session, when the session was given any
 * @param crossAccount whether the resource is in another account than the principal (then both the identity side
 *                     and the resource policy must allow)
 */
public record PolicySet(List<SourcedPolicy> identity, List<SourcedPolicy> resource,
                        Optional<List<SourcedPolicy>> boundary, Optional<List<SourcedPolicy>> session,
                        boolean crossAccount) {
    public PolicySet {
        identity = List.copyOf(identity);
        resource = List.copyOf(resource);
        boundary = Objects.requireNonNull(boundary, "boundary").map(List::copyOf);
        session = Objects.requireNonNull(session, "session").map(List::copyOf);
    }

    /** Only identity-based policies (the simulator's PolicyInputList, a role's own policies). */
    public static PolicySet identityOnly(List<SourcedPolicy> identity) {
        return new PolicySet(identity, List.of(), Optional.empty(), Optional.empty(), false);
    }

    /** Only a resource-based policy (a trust policy deciding a federated request). */
    public static PolicySet resourceOnly(SourcedPolicy resource) {
        return new PolicySet(List.of(), List.of(resource), Optional.empty(), Optional.empty(), false);
    }

    public PolicySet withBoundary(List<SourcedPolicy> policies) {
        return new PolicySet(identity, resource, Optional.of(policies), session, crossAccount);
    }

    public PolicySet withSession(List<SourcedPolicy> policies) {
        return new PolicySet(identity, resource, boundary, Optional.of(policies), crossAccount);
    }

    public PolicySet withResource(List<SourcedPolicy> policies, boolean otherAccount) {
        return new PolicySet(identity, policies, boundary, session, otherAccount);
    }
}
