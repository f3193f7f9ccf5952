package dev.stsbridge.idp.assertion;

import java.util.Arrays;
import java.util.Optional;

/** The front-channel SAML bindings the IdP sends protocol messages with (SAML 2.0 bindings §3.4 and §3.5). */
public enum SamlBinding {
    REDIRECT("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"),
    POST("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");

    private final String uri;

    SamlBinding(String uri) {
        this.uri = uri;
    }

    /** The binding's URI, as metadata names it. */
    public String uri() {
        return uri;
    }

    /** The binding with this URI, if it is one of these. */
    public static Optional<SamlBinding> of(String uri) {
        return Arrays.stream(values()).filter(b -> b.uri.equals(uri)).findFirst();
    }
}
