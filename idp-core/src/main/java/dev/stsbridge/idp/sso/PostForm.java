package dev.stsbridge.idp.sso;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.claims.AwsClaims;

/**
 * The HTTP-POST binding's form, as a value: the browser posts {@code SAMLResponse} (and {@code RelayState})
 * to {@code target}. The identifiers and claims are there for the audit log; they are not form fields.
 *
 * @param target where the form posts: the AWS sign-in URL, or the configured override (the local AWS model)
 * @param samlResponse base64 of the signed response, without line breaks
 * @param relayState passed through unchanged when present
 * @param responseId the Response ID
 * @param assertionId the Assertion ID
 * @param claims what was asserted
 */
public record PostForm(URI target, String samlResponse, Optional<String> relayState, String responseId,
                       String assertionId, AwsClaims claims) {
    public PostForm {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(samlResponse, "samlResponse");
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(assertionId, "assertionId");
        Objects.requireNonNull(claims, "claims");
    }

    @Override
    public String toString() {
        return "PostForm[" + target + ", response " + responseId + ", assertion " + assertionId + "]";
    }
}
