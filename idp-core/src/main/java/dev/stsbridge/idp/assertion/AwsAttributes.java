package dev.stsbridge.idp.assertion;

import java.util.ArrayList;
import java.util.List;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.SessionTag;

/** The AWS attribute names (../shared/AWS-SAML.md §3) and the AttributeStatement for a set of claims. */
final class AwsAttributes {

    static final String PREFIX = "https://aws.amazon.com/SAML/Attributes/";
    static final String ROLE = PREFIX + "Role";
    static final String ROLE_SESSION_NAME = PREFIX + "RoleSessionName";
    static final String SESSION_DURATION = PREFIX + "SessionDuration";
    static final String SOURCE_IDENTITY = PREFIX + "SourceIdentity";
    static final String PRINCIPAL_TAG = PREFIX + "PrincipalTag:";
    static final String TRANSITIVE_TAG_KEYS = PREFIX + "TransitiveTagKeys";

    private AwsAttributes() {
    }

    /**
     * Role (one value per pair), RoleSessionName, SessionDuration and SourceIdentity if present, one PrincipalTag per
     * tag, TransitiveTagKeys if any; in that order.
     */
    static List<SamlAttribute> of(AwsClaims claims) {
        if (claims.roles().isEmpty()) {
            throw new IllegalArgumentException(claims.username() + " has no AWS role: nothing to assert");
        }
        List<SamlAttribute> attributes = new ArrayList<>(6 + claims.tags().size());
        attributes.add(new SamlAttribute(ROLE, claims.roles().stream().map(AwsRolePair::attributeValue).toList()));
        attributes.add(new SamlAttribute(ROLE_SESSION_NAME, List.of(claims.roleSessionName())));
        claims.sessionDurationSeconds().ifPresent(seconds ->
                attributes.add(new SamlAttribute(SESSION_DURATION, List.of(Integer.toString(seconds)))));
        claims.sourceIdentity().ifPresent(source ->
                attributes.add(new SamlAttribute(SOURCE_IDENTITY, List.of(source))));
        for (SessionTag tag : claims.tags()) {
            attributes.add(new SamlAttribute(PRINCIPAL_TAG + tag.key(), List.of(tag.value())));
        }
        if (!claims.transitiveTagKeys().isEmpty()) {
            attributes.add(new SamlAttribute(TRANSITIVE_TAG_KEYS, claims.transitiveTagKeys()));
        }
        return List.copyOf(attributes);
    }
}
