package dev.stsbridge.idp.web.sso;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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
     * @param destinationName what the button says it continues to ("AWS", or the SP's entity ID)
     * @param aws whether the target is AWS's sign-in (its redirects to the console hosts are then allowed)
     */
    public static void send(Exchange exchange, Session session, URI target, String samlResponse,
                            Optional<String> relayState, String destinationName, boolean aws) {
        send(exchange, Optional.of(session), target, samlResponse, relayState, destinationName, aws);
    }

    /** The same for a visitor who may not be signed in (the page header then shows no user). */
    public static void send(Exchange exchange, Optional<Session> session, URI target, String samlResponse,
                            Optional<String> relayState, String destinationName, boolean aws) {
        exchange.noStore();
        exchange.setHeader("Content-Security-Policy", SecurityHeaders.postFormPolicy(target, aws));
        Page page = Page.titled("Signing you in").with("target", target.toString())
                .with("samlResponse", requireBase64(samlResponse))
                .with("destinationName", destinationName);
        relayState.ifPresent(r -> page.with("relayState", r));
        exchange.html(200, "post", session.map(s -> LoginEndpoints.withHeader(page, s)).orElse(page));
    }

    /**
     * The template writes the SAMLResponse without HTML escaping; only base64 text ({@code A-Z a-z 0-9 + / =}),
     * which cannot end the attribute or start markup, may go there.
     */
    static String requireBase64(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1); // beyond Latin-1 becomes '?', refused
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c >= BASE64.length || !BASE64[c]) {
                throw new IllegalArgumentException("a SAMLResponse must be base64 text; character " + i
                        + " is not");
            }
        }
        return value;
    }

    /** The base64 alphabet (RFC 4648, with padding), by character code. */
    private static final boolean[] BASE64 = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".toCharArray()) {
            BASE64[c] = true;
        }
    }
}
