package dev.stsbridge.verifier.policy;

/**
 * Which grammar a policy document follows. One parser and one evaluator serve all of them; the grammar only decides
 * which statement elements are required or prohibited.
 */
public enum PolicyGrammar {
    /** A role's trust policy: Principal (or NotPrincipal), no Resource (it applies to the role it is on). */
    TRUST,
    /** Identity-based: managed and inline policies, permissions boundaries and session policies; Resource, no Principal. */
    IDENTITY,
    /** Resource-based (a bucket policy, the simulator's {@code ResourcePolicy}): Principal and Resource. */
    RESOURCE
}
