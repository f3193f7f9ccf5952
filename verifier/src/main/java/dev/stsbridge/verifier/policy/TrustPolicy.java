package dev.stsbridge.verifier.policy;

/**
 * A parsed, valid trust policy: the resource-based policy of a role, evaluated by the {@link PolicyEngine} like
 * every other policy (an applicable Deny wins, then an applicable Allow that names the requester, else deny).
 */
public final class TrustPolicy {
    /** The outcome of an evaluation. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private static final PolicyEngine ENGINE = new PolicyEngine();

    private final SourcedPolicy policy;

    TrustPolicy(Policy policy) {
        this.policy = new SourcedPolicy("RoleTrustPolicy", PolicySourceType.RESOURCE, policy);
    }

    public Policy policy() {
        return policy.policy();
    }

    public Decision evaluate(RequestContext context) {
        return switch (ENGINE.evaluate(PolicySet.resourceOnly(policy), context).decision()) {
            case ALLOWED -> Decision.ALLOW;
            case EXPLICIT_DENY -> Decision.EXPLICIT_DENY;
            case IMPLICIT_DENY -> Decision.IMPLICIT_DENY;
        };
    }
}
