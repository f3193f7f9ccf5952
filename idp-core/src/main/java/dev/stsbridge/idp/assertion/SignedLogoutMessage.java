package dev.stsbridge.idp.assertion;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed single logout message, ready for its binding: for HTTP-POST the XML carries an enveloped signature and
 * {@link #base64()} is the form field's value; for HTTP-Redirect {@link #redirectUrl()} is where the browser goes
 * (the query signed with SigAlg and Signature).
 *
 * @param id the message's ID
 * @param parameter {@value #REQUEST} or {@value #RESPONSE}
 * @param xml the message (for HTTP-Redirect, without XML signature)
 * @param signedQuery for HTTP-Redirect, the signed query string
 */
public record SignedLogoutMessage(String id, String parameter, SamlBinding binding, URI destination, byte[] xml,
                                  Optional<String> relayState, Optional<String> signedQuery) {

    public static final String REQUEST = "SAMLRequest";
    public static final String RESPONSE = "SAMLResponse";

    public SignedLogoutMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(destination, "destination");
        xml = xml.clone();
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(signedQuery, "signedQuery");
        if (binding == SamlBinding.REDIRECT && signedQuery.isEmpty()) {
            throw new IllegalArgumentException("an HTTP-Redirect message needs its signed query");
        }
    }

    @Override
    public byte[] xml() {
        return xml.clone();
    }

    /** The value of the HTTP-POST form field {@link #parameter()}. */
    public String base64() {
        return Base64.getEncoder().encodeToString(xml);
    }

    /** The HTTP-Redirect binding's URL: the destination with the signed query appended. */
    public URI redirectUrl() {
        String query = signedQuery.orElseThrow(() -> new IllegalStateException("message " + id
                + " is for the HTTP-POST binding"));
        String base = destination.toString();
        return URI.create(base + (destination.getRawQuery() == null ? "?" : "&") + query);
    }

    public String xmlText() {
        return new String(xml, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SignedLogoutMessage[" + parameter + " " + id + ", " + binding + ", to " + destination + "]";
    }
}
