package dev.stsbridge.idp.web.session;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.mfa.AuthnContextRequest;

/**
 * An SP-initiated sign-in waiting for the person to log in: which SP asked, where the response goes, the request's
 * ID (the response's InResponseTo) and the SP's RelayState. Kept in the session, never in a URL.
 *
 * @param spEntityId the SP (a registered one; looked up again when answering)
 * @param acsUrl the checked AssertionConsumerService URL
 * @param requestId the AuthnRequest's ID
 * @param relayState returned to the SP unchanged
 * @param authnContext the request's RequestedAuthnContext, if it has one
 */
public record PendingAuthnRequest(String spEntityId, URI acsUrl, String requestId, Optional<String> relayState,
                                  Optional<AuthnContextRequest> authnContext) {
    public PendingAuthnRequest {
        Objects.requireNonNull(spEntityId, "spEntityId");
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(authnContext, "authnContext");
    }

    /** A request without RequestedAuthnContext. */
    public PendingAuthnRequest(String spEntityId, URI acsUrl, String requestId, Optional<String> relayState) {
        this(spEntityId, acsUrl, requestId, relayState, Optional.empty());
    }
}
