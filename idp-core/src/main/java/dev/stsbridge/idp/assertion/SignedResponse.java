package dev.stsbridge.idp.assertion;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed (and possibly encrypted) SAML response, ready for the HTTP-POST binding: the exact bytes (UTF-8, never
 * pretty-printed) and their base64 for the {@code SAMLResponse} form field.
 */
public final class SignedResponse {

    private final byte[] xml;
    private final String base64;
    private final String responseId;
    private final Optional<String> assertionId;
    private final boolean encrypted;

    SignedResponse(byte[] xml, String responseId, String assertionId, boolean encrypted) {
        this(xml, responseId, Optional.of(assertionId), encrypted);
    }

    private SignedResponse(byte[] xml, String responseId, Optional<String> assertionId, boolean encrypted) {
        this.xml = Objects.requireNonNull(xml, "xml");
        this.base64 = Base64.getEncoder().encodeToString(xml);
        this.responseId = Objects.requireNonNull(responseId, "responseId");
        this.assertionId = Objects.requireNonNull(assertionId, "assertionId");
        this.encrypted = encrypted;
    }

    /** A signed response without an assertion ({@link StatusResponse}). */
    static SignedResponse withoutAssertion(byte[] xml, String responseId) {
        return new SignedResponse(xml, responseId, Optional.empty(), false);
    }

    /** The response document, UTF-8 with an XML declaration (a copy). */
    public byte[] xml() {
        return xml.clone();
    }

    /** The response document as text. */
    public String xmlText() {
        return new String(xml, StandardCharsets.UTF_8);
    }

    /** The value of the {@code SAMLResponse} form field: base64 of {@link #xml()}, without line breaks. */
    public String base64() {
        return base64;
    }

    public String responseId() {
        return responseId;
    }

    /** @throws IllegalStateException for a response without an assertion (see {@link #hasAssertion()}) */
    public String assertionId() {
        return assertionId.orElseThrow(() -> new IllegalStateException("the response " + responseId
                + " carries no assertion"));
    }

    public boolean hasAssertion() {
        return assertionId.isPresent();
    }

    /** Whether the assertion is an {@code EncryptedAssertion}. */
    public boolean encrypted() {
        return encrypted;
    }

    @Override
    public String toString() {
        return "SignedResponse[" + responseId + assertionId.map(id -> ", assertion " + id).orElse(", no assertion")
                + (encrypted ? ", encrypted" : "")
                + ", " + xml.length + " bytes]";
    }
}
