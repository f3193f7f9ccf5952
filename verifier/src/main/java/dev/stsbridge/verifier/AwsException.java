package dev.stsbridge.verifier;

/** Carries an {@link AwsError} from where it is found to the HTTP edge that renders it. */
public final class AwsException extends RuntimeException {
    private final AwsError error;

    public AwsException(AwsError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public AwsError error() {
        return error;
    }
}
