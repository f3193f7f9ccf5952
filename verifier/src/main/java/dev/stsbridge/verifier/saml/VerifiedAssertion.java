package dev.stsbridge.verifier.saml;

import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * Step "verify the signature" done: the {@code saml:Assertion} that a signature by one of the provider's registered
 * keys covers (its own signature, or the Response's). Later steps read claims from {@link #assertion()} only, never
 * by searching the document again. Only {@link SignatureVerifier} makes one.
 */
public final class VerifiedAssertion {
    private final Element assertion;
    private final boolean encrypted;
    private final Optional<String> statusCode;
    private final List<String> warnings;

    VerifiedAssertion(Element assertion, boolean encrypted, Optional<String> statusCode, List<String> warnings) {
        this.assertion = assertion;
        this.encrypted = encrypted;
        this.statusCode = statusCode;
        this.warnings = List.copyOf(warnings);
    }

    /** The verified {@code saml:Assertion} element. */
    public Element assertion() {
        return assertion;
    }

    /** The assertion's {@code ID}. */
    public String id() {
        return assertion.getAttributeNS(null, "ID");
    }

    /** Whether the assertion arrived encrypted. */
    public boolean encrypted() {
        return encrypted;
    }

    /** The Response's StatusCode (possibly outside the signature: it may only ever cause a refusal). */
    public Optional<String> statusCode() {
        return statusCode;
    }

    /** Weak algorithms that were accepted (RSA-SHA1, SHA-1 digests), for the audit log. */
    public List<String> warnings() {
        return warnings;
    }
}
