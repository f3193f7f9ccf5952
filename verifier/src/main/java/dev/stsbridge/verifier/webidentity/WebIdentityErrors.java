package dev.stsbridge.verifier.webidentity;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;

/**
 * The refusals of AssumeRoleWithWebIdentity. AWS's messages where its answers are on record (re:Post, SDK and
 * action issue threads); the others are ours in the same style (verifier/README.md, web identity choices).
 */
public final class WebIdentityErrors {
    /** AWS's, as quoted from STS's answers (two spaces after the comma, as AWS's). */
    public static final String NO_VERIFICATION_KEY = "Couldn't retrieve verification key from your identity provider,"
            + "  please reference AssumeRoleWithWebIdentity documentation for requirements";
    /** AWS's. */
    public static final String INCORRECT_AUDIENCE = "Incorrect token audience";
    /** AWS's. */
    public static final String THUMBPRINT_MISMATCH =
            "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint";
    /** AWS's. */
    public static final String NOT_A_JWT =
            "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";
    /** AWS's AccessDenied. */
    public static final String NOT_AUTHORIZED = "Not authorized to perform sts:AssumeRoleWithWebIdentity";
    /** AWS's IDPCommunicationError wording (the API reference's description of the error). */
    public static final String IDP_UNREACHABLE = "The request could not be fulfilled because the identity provider "
            + "(IDP) that was asked to verify the incoming identity token could not be reached.";

    private WebIdentityErrors() {
    }

    public static AwsException invalid(String message) {
        return AwsError.invalidIdentityToken(message).exception();
    }

    /** AWS's "No OpenIDConnect provider found in your account for &lt;iss&gt;". */
    public static AwsException noProvider(String issuer) {
        return invalid("No OpenIDConnect provider found in your account for " + issuer);
    }

    /** {@code ExpiredTokenException}: AWS's "Token expired: current date/time X must be before the expiration date/time Y". */
    public static AwsException expired(long nowEpochSeconds, long expEpochSeconds) {
        return AwsError.sender("ExpiredTokenException", "Token expired: current date/time " + nowEpochSeconds
                + " must be before the expiration date/time " + expEpochSeconds, 400).exception();
    }

    /** {@code IDPCommunicationError} (400): the issuer could not be reached; the reason follows AWS's text. */
    public static AwsException unreachable(String why) {
        return AwsError.sender("IDPCommunicationError", IDP_UNREACHABLE + " " + why, 400).exception();
    }

    /** {@code IDPRejectedClaim} (403). */
    public static AwsException rejected(String message) {
        return AwsError.sender("IDPRejectedClaim", message, 403).exception();
    }

    public static AwsException notAuthorized(String message) {
        return AwsError.accessDenied(message).exception();
    }
}
