package dev.stsbridge.idp.sso;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.assertion.AssertionFactory;
import dev.stsbridge.idp.assertion.ResponseSigner;
import dev.stsbridge.idp.assertion.SamlAttribute;
import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.assertion.SpAssertionRequest;
import dev.stsbridge.idp.claims.NameId;
import dev.stsbridge.idp.claims.NameIdGenerator;
import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.directory.DirectoryUser;

/**
 * Sign-in to a SAML SP of the {@code basic} profile (any SP that is not AWS's console sign-in, e.g. IAM Identity
 * Center): a NameID in the SP's format (persistent NameIDs differ per SP) and the person's {@code mail},
 * {@code cn}, {@code givenName}, {@code sn} and {@code uid} as {@code urn:oid:} attributes, where the directory
 * has them; no AWS roles, no pre-flight (AWS's rules are about its role attributes). Signed like AWS responses
 * (same key, same signing mode), never encrypted.
 */
public final class BasicSsoService {

    private static final Logger LOG = LoggerFactory.getLogger(BasicSsoService.class);

    /** Directory attribute -> SAML attribute name, in the order they are sent. */
    private static final Map<String, String> ATTRIBUTES = Map.of("mail", SamlAttribute.MAIL,
            "cn", SamlAttribute.COMMON_NAME, "givenName", SamlAttribute.GIVEN_NAME, "sn", SamlAttribute.SURNAME,
            "uid", SamlAttribute.UID);
    private static final List<String> ORDER = List.of("mail", "cn", "givenName", "sn", "uid");

    private final String issuer;
    private final Duration validity;
    private final Map<NameIdFormat, NameIdGenerator> nameIds = new EnumMap<>(NameIdFormat.class);
    private final AssertionFactory factory;
    private final ResponseSigner signer;

    /**
     * One SP and the request being answered.
     *
     * @param entityId the SP's entity ID (the audience)
     * @param acsUrl where the response goes (Destination, Recipient), one of the SP's registered ACS URLs
     * @param nameIdFormat the NameID format configured for this SP
     * @param inResponseTo the AuthnRequest's ID, empty for an unsolicited response
     */
    public record Recipient(String entityId, URI acsUrl, NameIdFormat nameIdFormat, Optional<String> inResponseTo) {
        public Recipient {
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(acsUrl, "acsUrl");
            Objects.requireNonNull(nameIdFormat, "nameIdFormat");
            Objects.requireNonNull(inResponseTo, "inResponseTo");
        }
    }

    public BasicSsoService(String issuer, Duration validity, byte[] nameIdSecret, SecureRandom random,
                           AssertionFactory factory, ResponseSigner signer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.validity = Objects.requireNonNull(validity, "validity");
        for (NameIdFormat format : NameIdFormat.values()) {
            nameIds.put(format, NameIdGenerator.of(format, nameIdSecret, random));
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * The signed response for this person at this SP.
     *
     * @throws dev.stsbridge.idp.claims.MissingClaimException when the SP wants an email NameID and the person has no
     *     mail attribute
     */
    public SignedResponse respond(SignedInUser person, Recipient sp) {
        return issue(person, sp).response();
    }

    /**
     * A signed response and the NameID it carries (the IdP session remembers it, to check and send single logout
     * messages); the AuthnStatement's SessionIndex is {@code person}'s.
     *
     * @param response the signed response
     * @param nameId the Subject's NameID in it
     */
    public record Issued(SignedResponse response, NameId nameId) {
        public Issued {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(nameId, "nameId");
        }
    }

    /** The same as {@link #respond}, with the NameID sent. */
    public Issued issue(SignedInUser person, Recipient sp) {
        NameId nameId = nameIds.get(sp.nameIdFormat()).nameIdFor(person.user(), sp.entityId());
        SpAssertionRequest request = new SpAssertionRequest(issuer, sp.acsUrl(), sp.entityId(), sp.inResponseTo(),
                person.authnInstant(), person.authnContextClassRef(), person.sessionIndex(), validity,
                person.sessionNotOnOrAfter());
        SignedResponse signed = signer.sign(factory.build(person.username(), attributes(person.user()), nameId,
                request));
        LOG.debug("signed response {} for {} to {}", signed.responseId(), person.username(), sp.entityId());
        return new Issued(signed, nameId);
    }

    /** The attributes sent for this person: those of mail, cn, givenName, sn and uid that the directory has. */
    static List<SamlAttribute> attributes(DirectoryUser user) {
        List<SamlAttribute> attributes = new ArrayList<>();
        for (String name : ORDER) {
            List<String> values = user.values(name);
            if (!values.isEmpty()) {
                attributes.add(new SamlAttribute(ATTRIBUTES.get(name), values));
            }
        }
        return attributes;
    }
}
