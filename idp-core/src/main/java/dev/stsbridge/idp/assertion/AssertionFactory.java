package dev.stsbridge.idp.assertion;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
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

    /** {@code _} and 128 random bits in hex: an NCName, unguessable, unique in practice. */
    private String newId() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return "_" + HEX.formatHex(bits);
    }
}
