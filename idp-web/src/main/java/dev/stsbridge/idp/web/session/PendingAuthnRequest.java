package dev.stsbridge.idp.web.session;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An SP-initiated sign-in waiting for the person to log in: which SP asked, where the response goes, the request's
 * ID (the response's InResponseTo) and the SP's RelayState. Kept in the session, never in a URL.
 *
 * @param spEntityId the SP (a registered one; looked up again when answering)
 * @param acsUrl the checked AssertionConsumerService URL
 * @param requestId the AuthnRequest's ID
 * @param relayState returned to the SP unchanged
 */
public record PendingAuthnRequest(String spEntityId, URI acsUrl, String requestId, Optional<String> relayState) {
    public PendingAuthnRequest {
        Objects.requireNonNull(spEntityId, "spEntityId");
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(relayState, "relayState");
    }
}
