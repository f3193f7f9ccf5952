package dev.stsbridge.verifier.iam;

/**
 * A SAML metadata document IAM would not accept. AWS answers every such case with one message (see
 * {@link MetadataParser#AWS_MESSAGE}); this exception carries the precise reason for the operator.
 */
public final class InvalidMetadataException extends Exception {
    public InvalidMetadataException(String reason) {
        super(reason, null, false, false);
    }

    public InvalidMetadataException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
