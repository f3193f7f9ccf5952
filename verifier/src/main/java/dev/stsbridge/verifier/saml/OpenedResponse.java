package dev.stsbridge.verifier.saml;

import org.w3c.dom.Element;

/**
 * Step "decrypt": the parsed response with its assertion readable. An encrypted assertion was decrypted into a
 * document of its own, so that the Response (whose signature, if any, covers the encrypted form) stays as it was
 * signed. Nothing in it is trusted yet; only {@link AssertionDecrypter} makes one.
 */
public final class OpenedResponse {
    private final ParsedResponse parsed;
    private final Element assertion;
    private final boolean decrypted;

    OpenedResponse(ParsedResponse parsed, Element assertion, boolean decrypted) {
        this.parsed = parsed;
        this.assertion = assertion;
        this.decrypted = decrypted;
    }

    ParsedResponse parsed() {
        return parsed;
    }

    /** The plain {@code saml:Assertion}: the Response's child, or the root of its decrypted document. */
    Element assertion() {
        return assertion;
    }

    /** Whether the assertion arrived encrypted. */
    public boolean decrypted() {
        return decrypted;
    }
}
