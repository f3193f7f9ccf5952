package dev.stsbridge.idp.web.sso;

import java.net.URI;
import java.util.Optional;

import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.SecurityHeaders;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.session.Session;

/**
 * The HTTP-POST binding page: {@code form#saml-post} with the hidden {@code SAMLResponse} and {@code RelayState},
 * submitted by the one hashed inline script, or by the visible button without JavaScript. It carries a live
 * assertion: {@code Cache-Control: no-store}, and a CSP that allows forms only to the target.
 */
public final class PostFormPage {

    private PostFormPage() {
    }

    /**
     * @param response the signed response: its base64 goes into the page as it is (the template does not escape
     *     it), which is safe because a {@link SignedResponse} is made only by the IdP's signer and holds the JDK
     *     encoder's base64 of its bytes ({@code A-Z a-z 0-9 + / =}), which cannot end the attribute or start markup
     *     (escaping those 10 KB character by character was the largest cost of a sign-in after RSA, and checking
     *     each character still a measurable one)
     * @param destinationName what the button says it continues to ("AWS", or the SP's entity ID)
     * @param aws whether the target is AWS's sign-in (its redirects to the console hosts are then allowed)
     */
    public static void send(Exchange exchange, Session session, URI target, SignedResponse response,
                            Optional<String> relayState, String destinationName, boolean aws) {
        send(exchange, Optional.of(session), target, response, relayState, destinationName, aws);
    }

    /** The same for a visitor who may not be signed in (the page header then shows no user). */
    public static void send(Exchange exchange, Optional<Session> session, URI target, SignedResponse response,
                            Optional<String> relayState, String destinationName, boolean aws) {
        exchange.noStore();
        exchange.setHeader("Content-Security-Policy", SecurityHeaders.postFormPolicy(target, aws));
        Page page = Page.titled("Signing you in").with("target", target.toString())
                .with("samlResponse", response.base64())
                .with("destinationName", destinationName);
        relayState.ifPresent(r -> page.with("relayState", r));
        exchange.html(200, "post", session.map(s -> LoginEndpoints.withHeader(page, s)).orElse(page));
    }
}
