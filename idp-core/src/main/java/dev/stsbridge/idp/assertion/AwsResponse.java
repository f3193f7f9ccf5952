package dev.stsbridge.idp.assertion;

import java.time.Instant;
import java.util.Objects;

import org.opensaml.saml.saml2.core.Response;

/**
 * An unsigned AWS SAML response as {@link AssertionFactory} built it: a {@code samlp:Response} with one assertion.
 * Only the factory creates one; {@link ResponseSigner} signs it. Responses to other SAML SPs (the factory's
 * {@code SpAssertionRequest} form) have the same shape and type; the name stays for the AWS-first API.
 */
public final class AwsResponse {

    private final ResponseContent content;

    AwsResponse(ResponseContent content) {
        this.content = Objects.requireNonNull(content, "content");
    }

    /** The Response's ID attribute. */
    public String responseId() {
        return content.responseId();
    }

    /** The Assertion's ID attribute. */
    public String assertionId() {
        return content.assertionId();
    }

    /** IssueInstant of the response and the assertion, and the assertion's NotBefore. */
    public Instant issueInstant() {
        return content.issueInstant();
    }

    /** Conditions and SubjectConfirmationData NotOnOrAfter. */
    public Instant notOnOrAfter() {
        return content.notOnOrAfter();
    }

    /** The user the assertion is about (for logs and the audit trail; not itself sent). */
    public String username() {
        return content.username();
    }

    /**
     * The same response as an unsigned OpenSAML 4 object model (a new object on each call): the reference the lean
     * signer is tested against, and the way in for code that works with OpenSAML objects. OpenSAML trims leading
     * and trailing whitespace from every string it is given; the signed response keeps values exactly.
     */
    public Response toOpenSaml() {
        Response response = OpenSamlResponses.envelope(content);
        response.getAssertions().add(OpenSamlResponses.assertion(content));
        return response;
    }

    ResponseContent content() {
        return content;
    }

    @Override
    public String toString() {
        return "AwsResponse[" + content.responseId() + ", assertion " + content.assertionId() + ", user "
                + content.username() + "]";
    }
}
