package dev.stsbridge.idp.sso;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.claims.AwsClaims;

/**
 * The HTTP-POST binding's form, as a value: the browser posts {@code SAMLResponse} (and {@code RelayState})
 * to {@code target}. The identifiers and claims are there for the audit log; they are not form fields.
 *
 * @param target where the form posts: the AWS sign-in URL, or the configured override (the local AWS model)
 * @param response the signed response; its base64 is the {@code SAMLResponse} field
 * @param relayState passed through unchanged when present
 * @param claims what was asserted
 */
public record PostForm(URI target, SignedResponse response, Optional<String> relayState, AwsClaims claims) {
    public PostForm {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(claims, "claims");
    }

    /** The {@code SAMLResponse} field: base64 of the signed response, without line breaks. */
    public String samlResponse() {
        return response.base64();
    }

    public String responseId() {
        return response.responseId();
    }

    public String assertionId() {
        return response.assertionId();
    }

    @Override
    public String toString() {
        return "PostForm[" + target + ", response " + responseId() + ", assertion " + assertionId() + "]";
    }
}
