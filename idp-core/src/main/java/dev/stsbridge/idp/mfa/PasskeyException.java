package dev.stsbridge.idp.mfa;

/** A passkey registration or sign-in that did not verify; the message is one line for the person. */
public final class PasskeyException extends Exception {
    private static final long serialVersionUID = 1L;

    public PasskeyException(String message) {
        super(message);
    }
}
