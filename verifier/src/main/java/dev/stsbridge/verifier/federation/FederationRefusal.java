package dev.stsbridge.verifier.federation;

/**
 * A refusal of the federation endpoint: the HTTP status and the short text AWS answers. AWS documents one text,
 * "Invalid credentials parameter" (400), for credentials it does not accept; the others follow its pattern.
 */
record FederationRefusal(int httpStatus, String message) {
    static final String INVALID_CREDENTIALS = "Invalid credentials parameter";

    /** 400 "Invalid X parameter"; problems with {@code Session} are AWS's "Invalid credentials parameter". */
    static FederationRefusal invalid(String parameter) {
        return parameter.equals("Session") ? invalidCredentials()
                : new FederationRefusal(400, "Invalid " + parameter + " parameter");
    }

    /** 400 "Invalid credentials parameter": unknown, mismatched or expired credentials, or SessionDuration refused. */
    static FederationRefusal invalidCredentials() {
        return new FederationRefusal(400, INVALID_CREDENTIALS);
    }

    FederationException exception() {
        return new FederationException(this);
    }

    /** Carries a refusal to the HTTP edge. */
    static final class FederationException extends RuntimeException {
        private final transient FederationRefusal refusal;

        FederationException(FederationRefusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }

        FederationRefusal refusal() {
            return refusal;
        }
    }
}
