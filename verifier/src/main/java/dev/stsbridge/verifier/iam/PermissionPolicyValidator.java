package dev.stsbridge.verifier.iam;

/**
 * Checks a permission policy document (managed policy versions, inline role policies, permissions boundaries) at
 * {@code CreatePolicy} / {@code CreatePolicyVersion} / {@code PutRolePolicy}. Implemented by the policy engine
 * ({@code dev.stsbridge.verifier.policy.PermissionPolicies}).
 */
@FunctionalInterface
public interface PermissionPolicyValidator {

    /**
     * @throws dev.stsbridge.verifier.AwsException {@code MalformedPolicyDocument} (400) with AWS's message
     *         when the document is not a valid identity-based policy
     */
    void validate(String policyDocument);
}
