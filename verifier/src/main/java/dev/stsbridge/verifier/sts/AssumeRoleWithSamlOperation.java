package dev.stsbridge.verifier.sts;

/**
 * STS {@code AssumeRoleWithSAML}: decode, parse safely, find the provider, verify the signature, validate,
 * evaluate the trust policy, issue credentials. The Query API handler calls it; it knows nothing of HTTP.
 */
@FunctionalInterface
public interface AssumeRoleWithSamlOperation {

    /** @throws dev.stsbridge.verifier.AwsException with AWS's code, message and status on any refusal */
    AssumeRoleWithSamlResult handle(AssumeRoleWithSamlRequest request);
}
