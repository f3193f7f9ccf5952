package dev.stsbridge.metadata;

import java.util.Objects;

/**
 * One finding of {@link AwsUploadRules}: which rule, and a one-line message naming the value.
 */
public record AwsUploadFinding(Rule rule, String message) {

    /** AWS's rules for the metadata document of a SAML provider (IAM User Guide, CreateSAMLProvider). */
    public enum Rule {
        /** UTF-8 without a byte order mark. */
        ENCODING,
        /** 1,000 to 10,000,000 characters. */
        LENGTH,
        /** The document must be readable XML for the certificates to be found. */
        WELL_FORMED,
        /** Each certificate must be a readable X.509 certificate. */
        CERTIFICATE,
        /** Each certificate's key has at least 1024 bits. */
        KEY_SIZE,
        /** At most 10 keys per SAML provider. */
        KEY_COUNT,
        /** No extension repeated within a certificate. */
        DUPLICATE_EXTENSION,
        /** Warning: a certificate expires within 30 days, or has expired. */
        EXPIRY,
        /** Warning: AWS documents RSA keys; other key types may be refused. */
        KEY_TYPE
    }

    public AwsUploadFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
