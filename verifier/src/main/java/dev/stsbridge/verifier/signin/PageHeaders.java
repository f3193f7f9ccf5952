package dev.stsbridge.verifier.signin;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/**
 * The security headers of every console sign-in response (SAML sign-in, {@code /console}, federation endpoint):
 * CSP, X-Frame-Options DENY, Referrer-Policy no-referrer, Cache-Control no-store, X-Content-Type-Options nosniff.
 */
public final class PageHeaders {
    private PageHeaders() {
    }

    public static void secure(Response response) {
        response.getHeaders().put("Content-Security-Policy", SignInPages.CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
    }
}
