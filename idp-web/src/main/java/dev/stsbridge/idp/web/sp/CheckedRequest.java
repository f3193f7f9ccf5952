package dev.stsbridge.idp.web.sp;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An AuthnRequest that passed every check: who asked, the request's ID, where the response goes, the RelayState,
 * and the request's ForceAuthn and IsPassive. Only {@link AuthnRequestChecks} makes one.
 */
record CheckedRequest(RegisteredSp sp, String requestId, URI acsUrl, Optional<String> relayState, boolean forceAuthn,
                      boolean passive) {
    CheckedRequest {
        Objects.requireNonNull(sp, "sp");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(relayState, "relayState");
    }
}
