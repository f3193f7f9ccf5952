package dev.stsbridge.verifier.saml;

import dev.stsbridge.verifier.AwsError;

/**
 * The catalogue of AssumeRoleWithSAML refusals: AWS's code and exact message where AWS documents one
 * (../shared/AWS-SAML.md §2), otherwise {@code InvalidIdentityToken} with a one-line message naming what is wrong
 * (AWS-SAML.md §0). Every stage of the pipeline takes its errors from here.
 */
public final class StsErrors {
    /** AWS's message for a signature that does not verify. */
    public static final String SIGNATURE_INVALID = "Response signature invalid";
    public static final String NOT_AUTHORIZED = "Not authorized to perform sts:AssumeRoleWithSAML";
    public static final String ROLE_SESSION_NAME_REQUIRED = "RoleSessionName is required in AuthnResponse";
    public static final String ROLE_SESSION_NAME_PATTERN =
            "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}";
    public static final String SOURCE_IDENTITY_PATTERN =
            "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"";
    public static final String TOKEN_TOO_OLD = "Token must be redeemed within 5 minutes of issuance";
    public static final String RESPONSE_EXPIRED = "Response has expired";
    public static final String ISSUER_NOT_IN_PROVIDER = "Issuer not present in specified provider";
    public static final String AUDIENCE_MISSING = "Response does not contain the required audience.";
    public static final String PROVIDER_MISSING = "Specified provider doesn't exist.";

    private static final int MAX_ECHO = 256;

    private StsErrors() {
    }

    /** {@code InvalidIdentityToken} (400) with the given message. */
    public static AwsError invalid(String message) {
        return AwsError.invalidIdentityToken(message);
    }

    /** The signature did not verify under any registered key ("Response signature invalid"). */
    public static AwsError signatureInvalid() {
        return invalid(SIGNATURE_INVALID);
    }

    /** The signature breaks the signature profile: AWS's message, then why. */
    public static AwsError signatureRefused(String why) {
        return invalid(SIGNATURE_INVALID + ": " + why);
    }

    /** {@code AccessDenied} (403) "Not authorized to perform sts:AssumeRoleWithSAML". */
    public static AwsError notAuthorized() {
        return AwsError.accessDenied(NOT_AUTHORIZED);
    }

    /** {@code ExpiredTokenException} (400): the wire code includes "Exception". */
    public static AwsError expired(String message) {
        return AwsError.sender("ExpiredTokenException", message, 400);
    }

    /** {@code IDPRejectedClaim} (403): the IdP's response does not carry a Success status. */
    public static AwsError idpRejected(String statusCode) {
        return AwsError.sender("IDPRejectedClaim", "The identity provider reported that authentication failed: "
                + "StatusCode " + echo(statusCode), 403);
    }

    /** {@code PackedPolicyTooLarge} (400). */
    public static AwsError packedPolicyTooLarge(String message) {
        return AwsError.sender("PackedPolicyTooLarge", message, 400);
    }

    /** {@code MalformedPolicyDocument} (400). */
    public static AwsError malformedPolicy(String message) {
        return AwsError.sender("MalformedPolicyDocument", message, 400);
    }

    /** Quotes a value from the request for an error message, cut to a sane length. */
    public static String echo(String value) {
        String cut = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "..." : value;
        return "'" + cut + "'";
    }
}
