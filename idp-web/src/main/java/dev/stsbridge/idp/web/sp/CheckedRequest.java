package dev.stsbridge.idp.web.sp;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.mfa.AuthnContextRequest;

/**
 * An AuthnRequest that passed every check: who asked, the request's ID, where the response goes, the RelayState,
 * the request's ForceAuthn and IsPassive, and its RequestedAuthnContext. Only {@link AuthnRequestChecks} makes one.
 */
record CheckedRequest(RegisteredSp sp, String requestId, URI acsUrl, Optional<String> relayState, boolean forceAuthn,
                      boolean passive, Optional<AuthnContextRequest> authnContext) {
    CheckedRequest {
        Objects.requireNonNull(sp, "sp");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(authnContext, "authnContext");
    }
}
