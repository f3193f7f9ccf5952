package dev.stsbridge.verifier.sts;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;

/**
 * The refusals of AssumeRole, GetFederationToken and GetSessionToken: AWS's code and exact message where AWS's answers
 * are on record (quoted in public reports), otherwise our choice in the same style (verifier/README.md).
 */
public final class StsRefusals {
    /** AWS's ValidationError for a chained session over an hour. */
    public static final String CHAINED_OVER_AN_HOUR =
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
    /** AWS's ValidationError for DurationSeconds over the role's MaxSessionDuration. */
    public static final String OVER_MAX_SESSION_DURATION =
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";
    /** AWS's AccessDenied for a wrong TokenCode in AssumeRole. */
    public static final String ASSUME_ROLE_MFA_FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
    /** AWS's AccessDenied for a wrong SerialNumber / TokenCode in GetSessionToken (two spaces, as AWS's). */
    public static final String SESSION_TOKEN_MFA_FAILED = "MultiFactorAuthentication failed, unable to validate MFA code."
            + "  Please verify your MFA serial number is valid and associated with this user.";
    /** AWS's AccessDenied for AssumeRole with the root user's keys. */
    public static final String ROOT_MAY_NOT_ASSUME = "Roles may not be assumed by root accounts.";

    private StsRefusals() {
    }

    /** "User: X is not authorized to perform: A on resource: R" ({@code AccessDenied}, 403). */
    public static AwsException notAuthorized(String callerArn, String action, String resource) {
        return AwsError.accessDenied("User: " + callerArn + " is not authorized to perform: " + action
                + " on resource: " + resource).exception();
    }

    /** "Cannot call GetFederationToken with session credentials" (and GetSessionToken), AWS's AccessDenied. */
    public static AwsException sessionCredentials(String action) {
        return AwsError.accessDenied("Cannot call " + action + " with session credentials").exception();
    }

    public static AwsException accessDenied(String message) {
        return AwsError.accessDenied(message).exception();
    }

    public static AwsException validation(String message) {
        return AwsError.validation(message).exception();
    }
}
