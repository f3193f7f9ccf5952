package dev.stsbridge.verifier.iam;

/**
 * Checks a role trust policy document at {@code CreateRole} / {@code UpdateAssumeRolePolicy}.
 * Implemented by the trust-policy evaluator ({@code dev.stsbridge.verifier.policy}).
 */
@FunctionalInterface
public interface TrustPolicyValidator {

    /**
     * @throws dev.stsbridge.verifier.AwsException {@code MalformedPolicyDocument} (400) with AWS's message
     *         when the document is not a valid trust policy
     */
    void validate(String policyDocument);
}
