package dev.stsbridge.idp.assertion;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.claims.NameId;

/**
 * Every value of one AWS SAML response, decided by the factory (IDs and times included), from which both renderers
 * (the lean canonical writer and the OpenSAML object model) produce the same XML. Times are whole milliseconds.
 */
record ResponseContent(String username, String responseId, String assertionId, Instant issueInstant, String issuer,
                       String destination, Optional<String> inResponseTo, NameId nameId, Instant notOnOrAfter,
                       String audience, Instant authnInstant, String sessionIndex, Instant sessionNotOnOrAfter,
                       String authnContextClassRef, List<SamlAttribute> attributes) {
    ResponseContent {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(assertionId, "assertionId");
        Objects.requireNonNull(issueInstant, "issueInstant");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(inResponseTo, "inResponseTo");
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(notOnOrAfter, "notOnOrAfter");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(authnInstant, "authnInstant");
        Objects.requireNonNull(sessionIndex, "sessionIndex");
        Objects.requireNonNull(sessionNotOnOrAfter, "sessionNotOnOrAfter");
        Objects.requireNonNull(authnContextClassRef, "authnContextClassRef");
        attributes = List.copyOf(attributes);
    }

    /** Conditions NotBefore: the issue instant. */
    Instant notBefore() {
        return issueInstant;
    }
}
