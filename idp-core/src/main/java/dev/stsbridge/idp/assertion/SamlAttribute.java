package dev.stsbridge.idp.assertion;

import java.util.List;
import java.util.Objects;

/**
 * One {@code saml2:Attribute} of the AttributeStatement: a URI name ({@code NameFormat} uri) and its
 * {@code xs:string} values, one {@code AttributeValue} each. AWS's attributes are URLs; other SPs usually take
 * the LDAP attribute OIDs ({@code urn:oid:...}, see {@link #MAIL}).
 */
public record SamlAttribute(String name, List<String> values) {

    static final String NAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

    /** {@code mail} (RFC 4524), the person's email address. */
    public static final String MAIL = "urn:oid:0.9.2342.19200300.100.1.3";
    /** {@code cn} (X.520 commonName), the display name. */
    public static final String COMMON_NAME = "urn:oid:2.5.4.3";
    /** {@code givenName} (X.520). */
    public static final String GIVEN_NAME = "urn:oid:2.5.4.42";
    /** {@code sn} (X.520 surname). */
    public static final String SURNAME = "urn:oid:2.5.4.4";
    /** {@code uid} (RFC 4519), the login name. */
    public static final String UID = "urn:oid:0.9.2342.19200300.100.1.1";

    public SamlAttribute {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("attribute " + name + " has no value");
        }
    }
}
