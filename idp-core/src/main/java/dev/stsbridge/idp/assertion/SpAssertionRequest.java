package dev.stsbridge.idp.assertion;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The same as {@link AssertionRequest}, for a response to any SAML service provider rather than AWS's sign-in
 * endpoint: the Destination and bearer Recipient are that SP's AssertionConsumerService URL, the audience its entity
 * ID. Used by SP-initiated sign-in to SPs of the {@code basic} profile (IAM Identity Center, any other SAML SP).
 *
 * @param issuer the IdP's entity ID
 * @param destination the SP's ACS URL (Destination of the response, Recipient of the bearer confirmation)
 * @param audience the SP's entity ID
 * @param inResponseTo the ID of the AuthnRequest answered, empty for an unsolicited response
 * @param authnInstant when the user authenticated
 * @param authnContextClassRef how the user authenticated
 * @param sessionIndex the IdP session this assertion belongs to
 * @param validity how long the assertion may be used, at most {@link AssertionRequest#MAX_VALIDITY}
 * @param sessionNotOnOrAfter when the SP's session must end at the latest
 */
public record SpAssertionRequest(String issuer, URI destination, String audience, Optional<String> inResponseTo,
                                 Instant authnInstant, String authnContextClassRef, String sessionIndex,
                                 Duration validity, Instant sessionNotOnOrAfter) {

    public SpAssertionRequest {
        Objects.requireNonNull(destination, "destination");
        String scheme = String.valueOf(destination.getScheme()).toLowerCase(Locale.ROOT);
        if (!destination.isAbsolute() || destination.getHost() == null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("the SP's ACS URL must be an absolute http(s) URL, was '"
                    + destination + "'");
        }
        // The AWS request's checks apply unchanged; building one validates every other field.
        new AssertionRequest(issuer, AwsSignInUrl.GLOBAL, audience, inResponseTo, authnInstant, authnContextClassRef,
                sessionIndex, validity, sessionNotOnOrAfter);
    }
}
