package dev.stsbridge.verifier.sts;

/** Checks a SerialNumber + TokenCode for an IAM user (the IAM model's virtual MFA devices); a match is used up. */
@FunctionalInterface
public interface MfaCheck {

    /** No MFA device exists: every code is wrong. */
    MfaCheck NONE = (userArn, serialNumber, tokenCode) -> false;

    boolean authenticate(String userArn, String serialNumber, String tokenCode);
}
