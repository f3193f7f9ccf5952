package dev.stsbridge.idp.assertion;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@code samlp:Response} without an assertion that answers an AuthnRequest the IdP will not satisfy (SAML 2.0
 * core §3.2.2.2), such as {@code Responder} / {@code NoPassive} to a passive request from someone not signed in.
 *
 * @param destination the ACS URL it is posted to (already checked against the SP's metadata)
 * @param inResponseTo the AuthnRequest's ID
 * @param statusCode the top-level code, e.g. {@link #RESPONDER}
 * @param secondLevelCode the second-level code, e.g. {@link #NO_PASSIVE}
 * @param message the StatusMessage, for the SP's logs
 */
public record StatusResponse(String responseId, Instant issueInstant, String issuer, String destination,
                             String inResponseTo, String statusCode, String secondLevelCode, String message) {

    public static final String RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    public static final String NO_PASSIVE = "urn:oasis:names:tc:SAML:2.0:status:NoPassive";
    public static final String NO_AUTHN_CONTEXT = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext";

    public StatusResponse {
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(issueInstant, "issueInstant");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(inResponseTo, "inResponseTo");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(secondLevelCode, "secondLevelCode");
        Objects.requireNonNull(message, "message");
    }
}
