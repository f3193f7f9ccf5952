package dev.stsbridge.idp.web.slo;

import java.net.URI;
import java.util.Optional;

import dev.stsbridge.idp.assertion.SignedLogoutMessage;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.SecurityHeaders;

/**
 * The HTTP-POST binding page of single logout: {@code form#saml-post} with the hidden {@code SAMLRequest} or
 * {@code SAMLResponse} (and {@code RelayState}), submitted by the same hashed inline script as the sign-in page
 * ({@link SecurityHeaders#AUTO_SUBMIT_SCRIPT}), or by the button without JavaScript. {@code no-store}, and a CSP
 * that allows forms only to ourselves and the target.
 */
final class LogoutPostPage {

    /** The form field that marks an SP's LogoutRequest posted again from our own page (see {@link SloEndpoints}). */
    static final String RESUBMITTED = "stsbridge-resubmitted";

    private LogoutPostPage() {
    }

    /** Posts {@code message} to its destination. */
    static void send(Exchange exchange, SignedLogoutMessage message, String destinationName) {
        render(exchange, message.destination(), message.destination().toString(), message.parameter(),
                message.base64(), message.relayState(), false,
                "Signing you out of " + destinationName);
    }

    /**
     * Posts an SP's LogoutRequest once more to {@code sloUrl}, from our own page: a cross-site POST carries no
     * {@code SameSite=Lax} session cookie, a same-site one does.
     */
    static void resubmit(Exchange exchange, URI sloUrl, String samlRequest, Optional<String> relayState) {
        render(exchange, sloUrl, sloUrl.getRawPath(), SignedLogoutMessage.REQUEST, samlRequest, relayState, true,
                "Signing you out");
    }

    private static void render(Exchange exchange, URI target, String action, String field, String value,
                               Optional<String> relayState, boolean resubmitted, String message) {
        exchange.noStore();
        exchange.setHeader("Content-Security-Policy", SecurityHeaders.postFormPolicy(target, false));
        Page page = Page.titled("Signing you out").with("target", action).with("field", field)
                .with("value", value).with("message", message);
        relayState.ifPresent(r -> page.with("relayState", r));
        if (resubmitted) {
            page.with("resubmitted", RESUBMITTED);
        }
        exchange.html(200, "slo-post", page);
    }
}
