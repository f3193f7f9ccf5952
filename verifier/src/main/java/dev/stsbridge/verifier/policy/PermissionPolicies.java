package dev.stsbridge.verifier.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.verifier.iam.PermissionPolicyValidator;

/**
 * Permission (identity-based) policies: validation at CreatePolicy / CreatePolicyVersion / PutRolePolicy /
 * boundaries, and parsing for evaluation with the parsed form cached by document text.
 */
public final class PermissionPolicies implements PermissionPolicyValidator {
    private static final int MAX_CACHED = 10_000;

    private final Map<String, Policy> cache = new ConcurrentHashMap<>();

    /** @throws dev.stsbridge.verifier.AwsException {@code MalformedPolicyDocument} with IAM's message */
    @Override
    public void validate(String policyDocument) {
        parse(policyDocument);
    }

    /** The parsed policy; {@code MalformedPolicyDocument} when it is not a valid identity-based policy. */
    public Policy parse(String policyDocument) {
        Policy cached = cache.get(policyDocument);
        if (cached != null) {
            return cached;
        }
        Policy parsed = Policy.parse(policyDocument, PolicyGrammar.IDENTITY);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(policyDocument, parsed);
        return parsed;
    }
}
