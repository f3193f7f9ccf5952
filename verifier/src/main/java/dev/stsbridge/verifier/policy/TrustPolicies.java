package dev.stsbridge.verifier.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.verifier.iam.TrustPolicyValidator;

/**
 * Trust policies: validation at CreateRole / UpdateAssumeRolePolicy ({@link TrustPolicyValidator}) and parsing for
 * evaluation, with the parsed form cached by document text (a role's policy is parsed once, not per request).
 */
public final class TrustPolicies implements TrustPolicyValidator {
    private static final int MAX_CACHED = 10_000;

    private final Map<String, TrustPolicy> cache = new ConcurrentHashMap<>();

    /** @throws dev.stsbridge.verifier.AwsException {@code MalformedPolicyDocument} with IAM's message */
    @Override
    public void validate(String policyDocument) {
        parse(policyDocument);
    }

    /** The parsed policy; {@code MalformedPolicyDocument} when it is not a valid trust policy. */
    public TrustPolicy parse(String policyDocument) {
        TrustPolicy cached = cache.get(policyDocument);
        if (cached != null) {
            return cached;
        }
        TrustPolicy parsed = new TrustPolicy(Policy.parse(policyDocument, PolicyGrammar.TRUST));
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(policyDocument, parsed);
        return parsed;
    }
}
