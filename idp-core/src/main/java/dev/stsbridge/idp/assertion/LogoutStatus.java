package dev.stsbridge.idp.assertion;

import java.util.Optional;

/** The status of a LogoutResponse (SAML 2.0 core §3.2.2.2 and §3.7.3.2). */
public enum LogoutStatus {
    /** Every session was ended. */
    SUCCESS(Codes.SUCCESS, Optional.empty()),
    /** The IdP session was ended, but at least one other SP did not confirm its logout. */
    PARTIAL_LOGOUT(Codes.SUCCESS, Optional.of("urn:oasis:names:tc:SAML:2.0:status:PartialLogout")),
    /** The request names no principal of the IdP session it came with: nothing was ended. */
    UNKNOWN_PRINCIPAL("urn:oasis:names:tc:SAML:2.0:status:Requester",
            Optional.of("urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal"));

    private final String topLevel;
    private final Optional<String> secondLevel;

    LogoutStatus(String topLevel, Optional<String> secondLevel) {
        this.topLevel = topLevel;
        this.secondLevel = secondLevel;
    }

    public String topLevel() {
        return topLevel;
    }

    public Optional<String> secondLevel() {
        return secondLevel;
    }

    /** The top-level status codes used here. */
    public static final class Codes {
        public static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

        private Codes() {
        }
    }
}
