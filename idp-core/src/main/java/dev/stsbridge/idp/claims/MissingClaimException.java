package dev.stsbridge.idp.claims;

/** A claim that must be sent cannot be made for this person (e.g. NameID format email without a mail attribute). */
public final class MissingClaimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingClaimException(String message) {
        super(message);
    }
}
