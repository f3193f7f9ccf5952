package dev.stsbridge.verifier.iam;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;

/** What managed and inline permission policies share: size as IAM counts it, and ARN lookups with IAM's refusals. */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    /** IAM's quotas count the characters of a policy document not counting white space. */
    static long size(String document) {
        return document.chars().filter(c -> !Character.isWhitespace(c)).count();
    }

    static AwsException limitExceeded(String message) {
        return AwsError.sender("LimitExceeded", message, 409).exception();
    }

    /** {@code InvalidInput} unless this is a managed policy ARN (of an account or of AWS). */
    static Arns.PolicyName parse(String arn) {
        return Arns.parsePolicy(arn).orElseThrow(() ->
                AwsError.sender("InvalidInput", "ARN " + arn + " is not valid.", 400).exception());
    }

    /**
     * A policy the caller may attach (its account's or AWS's), else {@code NoSuchEntity} with {@code message}: IAM
     * reports a policy of another account the same as a missing one when attaching.
     */
    static ManagedPolicy attachable(IamSnapshot snapshot, IamCaller caller, String arn, String message) {
        Arns.PolicyName name = parse(arn);
        return snapshot.policy(arn)
                .filter(p -> p.awsManaged() || name.owner().equals(caller.accountId()))
                .orElseThrow(() -> AwsError.sender("NoSuchEntity", message, 404).exception());
    }

    /** The boundary policy for {@code PermissionsBoundary} (CreateRole, PutRolePermissionsBoundary). */
    static ManagedPolicy boundary(IamSnapshot snapshot, IamCaller caller, String arn) {
        return attachable(snapshot, caller, arn, "Scope ARN: " + arn + " does not exist or is not attachable.");
    }
}
