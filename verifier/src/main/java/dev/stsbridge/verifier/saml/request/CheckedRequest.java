package dev.stsbridge.verifier.saml.request;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AssumeRoleWithSAML parameters that passed {@link RequestParameters#check}.
 *
 * @param roleArn the role to assume
 * @param roleName the role's name (last path segment)
 * @param principalArn the SAML provider ARN
 * @param accountId the account of both
 * @param samlAssertion the base64 response, 4-100,000 characters
 * @param durationSeconds the requested duration, 900-43200 (3600 when not given)
 * @param policy the inline session policy, if any
 * @param policyArns managed session policy ARNs (at most 10)
 */
public record CheckedRequest(String roleArn, String roleName, String principalArn, String accountId,
                             String samlAssertion, int durationSeconds, Optional<String> policy,
                             List<String> policyArns) {
    public CheckedRequest {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(samlAssertion, "samlAssertion");
        Objects.requireNonNull(policy, "policy");
        policyArns = List.copyOf(policyArns);
    }
}
