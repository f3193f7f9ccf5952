package dev.stsbridge.verifier.policy;

import dev.stsbridge.verifier.iam.PermissionPolicyValidator;

/** Permission (identity-based) policies: validation at CreatePolicy / CreatePolicyVersion / PutRolePolicy. */
public final class PermissionPolicies implements PermissionPolicyValidator {

    /** @throws dev.stsbridge.verifier.AwsException {@code MalformedPolicyDocument} with IAM's message */
    @Override
    public void validate(String policyDocument) {
        PolicyParser.parse(policyDocument, PolicyParser.Kind.SESSION);
    }
}
