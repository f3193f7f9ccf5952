package dev.stsbridge.verifier.sts;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of STS {@code AssumeRole}, as received (the model's constraints already checked).
 *
 * @param tags the session tags, keys as sent, in order
 */
public record AssumeRoleRequest(String roleArn, String roleSessionName, Optional<Integer> durationSeconds,
                                Optional<String> policy, List<String> policyArns, Map<String, String> tags,
                                List<String> transitiveTagKeys, Optional<String> externalId,
                                Optional<String> serialNumber, Optional<String> tokenCode,
                                Optional<String> sourceIdentity) {
    public AssumeRoleRequest {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(policy, "policy");
        policyArns = List.copyOf(policyArns);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(tokenCode, "tokenCode");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    }

    /** A request with only the required parameters. */
    public static AssumeRoleRequest of(String roleArn, String roleSessionName) {
        return new AssumeRoleRequest(roleArn, roleSessionName, Optional.empty(), Optional.empty(), List.of(), Map.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
