package dev.stsbridge.verifier.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM user.
 *
 * @param arn {@code arn:aws:iam::<account>:user<path><name>}
 * @param accountId the owning account
 * @param name the user name (unique per account ignoring case)
 * @param path the path, {@code /} by default
 * @param userId the unique ID ({@code AIDA} + 17 characters)
 * @param createDate when it was created
 * @param tags IAM tags on the user ({@code aws:PrincipalTag/*} of its requests)
 */
public record IamUser(String arn, String accountId, String name, String path, String userId, Instant createDate,
                      Map<String, String> tags) {
    public IamUser {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createDate, "createDate");
        tags = Map.copyOf(tags);
    }
}
