package dev.stsbridge.idp.assertion;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.NameId;

/**
 * Step 4 of the IdP flow, build: from checked claims to an unsigned AWS SAML response.
 *
 * <p>The response is a {@code samlp:Response} (ID, IssueInstant, Version 2.0, Destination, optional InResponseTo,
 * Issuer, Status Success) with one {@code Assertion}: Issuer; Subject with the NameID and exactly one bearer
 * SubjectConfirmation (Recipient = the sign-in URL, NotOnOrAfter, InResponseTo when answering a request);
 * Conditions (NotBefore = now, NotOnOrAfter = now + validity, the audience); an AuthnStatement; and the AWS
 * attributes ({@code xs:string} values, NameFormat uri). Every time comes from the injected clock, in whole
 * milliseconds; IDs are {@code _} followed by 128 random bits in hex (valid NCNames).
 *
 * <p>The same shape answers any other SAML SP ({@link #build(String, List, NameId, SpAssertionRequest)}): its ACS URL
 * as Destination and Recipient, its entity ID as audience, the attributes the SP's profile gives.
 *
 * <p>The result renders as the OpenSAML 4 object model ({@link AwsResponse#toOpenSaml()}) or, when signed, through
 * {@link ResponseSigner}'s lean writer; tests prove both the same.
 */
public final class AssertionFactory {

    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final SecureRandom random;

    public AssertionFactory(Clock clock) {
        this(clock, new SecureRandom());
    }

    public AssertionFactory(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Builds the unsigned response for one user.
     *
     * @throws IllegalArgumentException if the claims hold no role, or the IdP session has already ended
     */
    public AwsResponse build(AwsClaims claims, NameId nameId, AssertionRequest request) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant sessionEnd = request.sessionNotOnOrAfter().truncatedTo(ChronoUnit.MILLIS);
        if (!sessionEnd.isAfter(now)) {
            throw new IllegalArgumentException("the session of " + claims.username() + " ended at " + sessionEnd
                    + ": nothing to assert");
        }
        return new AwsResponse(new ResponseContent(claims.username(), newId(), newId(), now, request.issuer(),
                request.destination().value(), request.inResponseTo(), nameId, now.plus(request.validity()),
                request.audience(), request.authnInstant().truncatedTo(ChronoUnit.MILLIS), request.sessionIndex(),
                sessionEnd, request.authnContextClassRef(), AwsAttributes.of(claims)));
    }

    /**
     * Builds the unsigned response for one user to any SAML SP: the given attributes (none: no AttributeStatement),
     * Destination and Recipient the SP's ACS URL, audience its entity ID.
     *
     * @param username who the response is about (for logs; not sent)
     * @throws IllegalArgumentException if the IdP session has already ended
     */
    public AwsResponse build(String username, List<SamlAttribute> attributes, NameId nameId,
                             SpAssertionRequest request) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant sessionEnd = request.sessionNotOnOrAfter().truncatedTo(ChronoUnit.MILLIS);
        if (!sessionEnd.isAfter(now)) {
            throw new IllegalArgumentException("the session of " + username + " ended at " + sessionEnd
                    + ": nothing to assert");
        }
        return new AwsResponse(new ResponseContent(username, newId(), newId(), now, request.issuer(),
                request.destination().toString(), request.inResponseTo(), nameId, now.plus(request.validity()),
                request.audience(), request.authnInstant().truncatedTo(ChronoUnit.MILLIS), request.sessionIndex(),
                sessionEnd, request.authnContextClassRef(), attributes));
    }

    /**
     * The answer to a passive AuthnRequest ({@code IsPassive="true"}) from someone who is not signed in: status
     * {@code Responder} / {@code NoPassive}, no assertion (SAML 2.0 core §3.4.1).
     *
     * @param destination the ACS URL, already checked against the SP's metadata
     */
    public StatusResponse noPassive(String issuer, String destination, String inResponseTo) {
        return new StatusResponse(newId(), clock.instant().truncatedTo(ChronoUnit.MILLIS), issuer, destination,
                inResponseTo, StatusResponse.RESPONDER, StatusResponse.NO_PASSIVE,
                "The request was passive (IsPassive) and the user is not signed in to the identity provider.");
    }

    /**
     * The answer to an AuthnRequest whose RequestedAuthnContext the IdP cannot satisfy: status {@code Responder} /
     * {@code NoAuthnContext}, no assertion (SAML 2.0 core §3.3.2.2.1).
     *
     * @param reason the StatusMessage (which contexts were asked for, and why none can be given)
     */
    public StatusResponse noAuthnContext(String issuer, String destination, String inResponseTo, String reason) {
        return new StatusResponse(newId(), clock.instant().truncatedTo(ChronoUnit.MILLIS), issuer, destination,
                inResponseTo, StatusResponse.RESPONDER, StatusResponse.NO_AUTHN_CONTEXT,
                "The requested authentication context cannot be satisfied: " + reason + ".");
    }

    /** {@code _} and 128 random bits in hex: an NCName, unguessable, unique in practice. */
    private String newId() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return "_" + HEX.formatHex(bits);
    }
}
