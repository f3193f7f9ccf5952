package dev.stsbridge.idp.oidc;

import java.util.Objects;
import java.util.Optional;

/** What {@link AuthorizationRequests#check} decided about an authorization request. */
public sealed interface AuthorizationCheck {

    /** The request is good. */
    record Valid(AuthorizationRequest request) implements AuthorizationCheck {
        public Valid {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The client or redirect URI cannot be trusted: the person sees an error page, the browser is never redirected
     * (RFC 6749 §4.1.2.1), so that the IdP is no open redirector.
     */
    record NotRedirectable(String message) implements AuthorizationCheck {
        public NotRedirectable {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The client and redirect URI are good, the rest of the request is not: the error goes back to the client. */
    record Refused(String redirectUri, Optional<String> state, OAuthError error) implements AuthorizationCheck {
        public Refused {
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(error, "error");
        }
    }
}
