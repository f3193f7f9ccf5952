package dev.stsbridge.idp.assertion;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the assertion factory needs besides the claims and the NameID: who issues, where it goes, how and when the
 * user logged in. Build one with {@link #builder(String, AwsSignInUrl)}.
 *
 * @param issuer the IdP's entity ID (Issuer of the response and the assertion)
 * @param destination the AWS sign-in URL (Destination of the response, Recipient of the bearer confirmation)
 * @param audience the AudienceRestriction value, by default {@value #DEFAULT_AUDIENCE}
 * @param inResponseTo the ID of the AuthnRequest answered (SP-initiated sign-in), empty for IdP-initiated
 * @param authnInstant when the user authenticated
 * @param authnContextClassRef how: {@link #REFEDS_MFA} after a second factor, else
 *                             {@link #PASSWORD_PROTECTED_TRANSPORT} over TLS, {@link #PASSWORD} otherwise
 * @param sessionIndex the IdP session this assertion belongs to
 * @param validity how long the assertion may be redeemed (NotOnOrAfter = issue instant + validity), default 5 min
 * @param sessionNotOnOrAfter when the AWS session must end at the latest (AuthnStatement SessionNotOnOrAfter)
 */
public record AssertionRequest(String issuer, AwsSignInUrl destination, String audience, Optional<String> inResponseTo,
                               Instant authnInstant, String authnContextClassRef, String sessionIndex,
                               Duration validity, Instant sessionNotOnOrAfter) {

    /** AWS's SP entity ID, the audience AWS expects. */
    public static final String DEFAULT_AUDIENCE = "urn:amazon:webservices";
    /** The validity window of an assertion: AWS accepts assertions up to 5 minutes old. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(5);
    /** Longest validity we allow: a bearer assertion is a replayable credential. */
    public static final Duration MAX_VALIDITY = Duration.ofHours(1);
    /** Password login over TLS. */
    public static final String PASSWORD_PROTECTED_TRANSPORT =
            "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    /** Password login without TLS (loopback demo). */
    public static final String PASSWORD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Password";
    /** A password and a second factor (TOTP or a passkey): the REFEDS MFA profile. */
    public static final String REFEDS_MFA = "https://refeds.org/profile/mfa";

    /** xs:NCName, the type of SAML IDs (InResponseTo refers to one). */
    private static final Pattern NC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,255}");

    public AssertionRequest {
        requireText(issuer, "issuer");
        Objects.requireNonNull(destination, "destination");
        requireText(audience, "audience");
        Objects.requireNonNull(inResponseTo, "inResponseTo");
        Objects.requireNonNull(authnInstant, "authnInstant");
        requireText(authnContextClassRef, "authnContextClassRef");
        requireText(sessionIndex, "sessionIndex");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(sessionNotOnOrAfter, "sessionNotOnOrAfter");
        inResponseTo.ifPresent(AssertionRequest::requireNcName);
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("assertion validity must be more than 0 and at most "
                    + MAX_VALIDITY.toMinutes() + " minutes, was " + validity);
        }
        if (!sessionNotOnOrAfter.isAfter(authnInstant)) {
            throw new IllegalArgumentException("sessionNotOnOrAfter " + sessionNotOnOrAfter
                    + " must be after the authentication instant " + authnInstant);
        }
    }

    /** A builder with the defaults: audience {@value #DEFAULT_AUDIENCE}, validity 5 minutes, no InResponseTo. */
    public static Builder builder(String issuer, AwsSignInUrl destination) {
        return new Builder(issuer, destination);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requireNcName(String id) {
        if (!NC_NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("inResponseTo is not a SAML ID (xs:NCName): '" + id + "'");
        }
    }

    /** Builds an {@link AssertionRequest}; authnInstant, authnContextClassRef, sessionIndex and sessionNotOnOrAfter are required. */
    public static final class Builder {
        private final String issuer;
        private final AwsSignInUrl destination;
        private String audience = DEFAULT_AUDIENCE;
        private Optional<String> inResponseTo = Optional.empty();
        private Instant authnInstant;
        private String authnContextClassRef;
        private String sessionIndex;
        private Duration validity = DEFAULT_VALIDITY;
        private Instant sessionNotOnOrAfter;

        private Builder(String issuer, AwsSignInUrl destination) {
            this.issuer = issuer;
            this.destination = destination;
        }

        public Builder audience(String value) {
            this.audience = value;
            return this;
        }

        public Builder inResponseTo(String requestId) {
            this.inResponseTo = Optional.of(requestId);
            return this;
        }

        public Builder authnInstant(Instant value) {
            this.authnInstant = value;
            return this;
        }

        public Builder authnContextClassRef(String value) {
            this.authnContextClassRef = value;
            return this;
        }

        public Builder sessionIndex(String value) {
            this.sessionIndex = value;
            return this;
        }

        public Builder validity(Duration value) {
            this.validity = value;
            return this;
        }

        public Builder sessionNotOnOrAfter(Instant value) {
            this.sessionNotOnOrAfter = value;
            return this;
        }

        public AssertionRequest build() {
            return new AssertionRequest(issuer, destination, audience, inResponseTo, authnInstant,
                    authnContextClassRef, sessionIndex, validity, sessionNotOnOrAfter);
        }
    }
}
