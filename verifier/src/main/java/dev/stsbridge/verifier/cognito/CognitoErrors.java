package dev.stsbridge.verifier.cognito;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;

/** Cognito Identity's refusals ({@code __type} and {@code message}), AWS's wording where it is on record. */
final class CognitoErrors {
    static final String UNAUTHENTICATED = "Unauthenticated access is not supported for this identity pool.";
    /** GetOpenIdToken on a pool whose AllowClassicFlow is false (AWS's words, aws/aws-cli#7652). */
    static final String CLASSIC_FLOW_DISABLED = "Basic (classic) flow is not enabled, please use enhanced flow.";
    static final String UNSUPPORTED_PROVIDER = "Token is not from a supported provider of this identity pool.";
    static final String POOL_ROLES = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";

    private CognitoErrors() {
    }

    static AwsException notAuthorized(String message) {
        return AwsError.sender("NotAuthorizedException", message, 400).exception();
    }

    static AwsException poolNotFound(String poolId) {
        return AwsError.sender("ResourceNotFoundException", "IdentityPool '" + poolId + "' not found.", 400).exception();
    }

    static AwsException identityNotFound(String identityId) {
        return AwsError.sender("ResourceNotFoundException", "Identity '" + identityId + "' not found.", 400).exception();
    }

    static AwsException invalidParameter(String message) {
        return AwsError.sender("InvalidParameterException", message, 400).exception();
    }

    static AwsException poolConfiguration() {
        return AwsError.sender("InvalidIdentityPoolConfigurationException", POOL_ROLES, 400).exception();
    }
}
