package dev.stsbridge.verifier;

import java.util.Objects;

/**
 * An error as AWS reports it in its Query {@code ErrorResponse}: {@code <Type>}, {@code <Code>},
 * {@code <Message>} and the HTTP status. Errors are values inside the verifier; {@link AwsException} carries one
 * to the HTTP edge, which alone renders it.
 *
 * @param type {@code Sender} (the caller's fault) or {@code Receiver} (ours)
 */
public record AwsError(String type, String code, String message, int httpStatus) {
    public AwsError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static AwsError sender(String code, String message, int httpStatus) {
        return new AwsError("Sender", code, message, httpStatus);
    }

    /** {@code InvalidIdentityToken} (400): the assertion is not acceptable. */
    public static AwsError invalidIdentityToken(String message) {
        return sender("InvalidIdentityToken", message, 400);
    }

    /** {@code AccessDenied} (403). */
    public static AwsError accessDenied(String message) {
        return sender("AccessDenied", message, 403);
    }

    /** {@code ValidationError} (400): a parameter breaks its constraints. */
    public static AwsError validation(String message) {
        return sender("ValidationError", message, 400);
    }

    public AwsException exception() {
        return new AwsException(this);
    }
}
