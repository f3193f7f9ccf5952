package dev.stsbridge.verifier.query;

import java.util.Objects;

import dev.stsbridge.verifier.AwsError;

/**
 * A refusal whose wire message is AWS's fixed text (e.g. {@code InvalidInput} "Could not parse metadata") but whose
 * precise cause the operator needs: the Query handler renders the AWS error unchanged, logs the detail and sends it
 * in the {@value #HEADER} response header (visible with {@code aws --debug}).
 */
public final class DetailedRefusal extends RuntimeException {

    /** The response header that carries the detail. */
    public static final String HEADER = "X-Stsbridge-Refusal-Detail";

    private final AwsError error;
    private final String detail;

    public DetailedRefusal(AwsError error, String detail) {
        super(error.code() + ": " + error.message() + " (" + detail + ")", null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public AwsError error() {
        return error;
    }

    public String detail() {
        return detail;
    }
}
