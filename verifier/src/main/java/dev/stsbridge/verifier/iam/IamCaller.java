package dev.stsbridge.verifier.iam;

import java.util.Objects;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;

/**
 * Who calls an IAM action, in which account, for which action: what an IAM operation needs to scope its work to the
 * caller's account and to word an {@code AccessDenied}.
 *
 * @param accountId the account bound to the caller's access key
 * @param arn the caller's ARN ({@code arn:aws:iam::<account>:root})
 * @param action the IAM action ({@code GetSAMLProvider})
 */
public record IamCaller(String accountId, String arn, String action) {
    public IamCaller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(action, "action");
    }

    /** The root user of an account calling {@code action} (for setting up IAM in-process, e.g. the demo). */
    public static IamCaller root(String accountId, String action) {
        return new IamCaller(accountId, "arn:aws:iam::" + accountId + ":root", action);
    }

    /**
     * {@code AccessDenied} (403) for a resource of another account. IAM resources have no resource-based policies,
     * so AWS's authorisation refuses any cross-account IAM call; the wording follows AWS's current AccessDenied
     * messages (our inference: the exact text for this case is not documented).
     */
    public AwsException crossAccount(String resourceArn) {
        return AwsError.accessDenied("User: " + arn + " is not authorized to perform: iam:" + action
                + " on resource: " + resourceArn + " because no resource-based policy allows the iam:" + action
                + " action").exception();
    }
}
