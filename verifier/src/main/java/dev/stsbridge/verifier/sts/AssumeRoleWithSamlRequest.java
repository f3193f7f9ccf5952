package dev.stsbridge.verifier.sts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The parameters of STS {@code AssumeRoleWithSAML}, as received (constraints are checked by the pipeline). */
public record AssumeRoleWithSamlRequest(String roleArn, String principalArn, String samlAssertion,
                                        Optional<Integer> durationSeconds, Optional<String> policy,
                                        List<String> policyArns) {
    public AssumeRoleWithSamlRequest {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(samlAssertion, "samlAssertion");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(policy, "policy");
        policyArns = List.copyOf(policyArns);
    }
}
