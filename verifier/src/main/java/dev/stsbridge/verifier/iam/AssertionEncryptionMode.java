package dev.stsbridge.verifier.iam;

/** IAM's {@code AssertionEncryptionMode}: {@code Allowed} takes plain or encrypted assertions, {@code Required} only encrypted ones. */
public enum AssertionEncryptionMode {
    Allowed, Required
}
