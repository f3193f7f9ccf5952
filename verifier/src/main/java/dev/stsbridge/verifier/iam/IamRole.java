package dev.stsbridge.verifier.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM role.
 *
 * @param arn {@code arn:aws:iam::<account>:role<path><name>}
 * @param accountId the owning account
 * @param name the role name (unique per account ignoring case)
 * @param path the path, {@code /} by default
 * @param roleId the unique ID ({@code AROA} + 17 characters)
 * @param assumeRolePolicyDocument the trust policy JSON, as given (already validated)
 * @param maxSessionDurationSeconds 3600-43200
 * @param createDate when it was created
 * @param tags IAM tags on the role
 */
public record IamRole(String arn, String accountId, String name, String path, String roleId,
                      String assumeRolePolicyDocument, int maxSessionDurationSeconds, Instant createDate,
                      Map<String, String> tags) {
    public IamRole {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
        Objects.requireNonNull(createDate, "createDate");
        tags = Map.copyOf(tags);
    }
}
