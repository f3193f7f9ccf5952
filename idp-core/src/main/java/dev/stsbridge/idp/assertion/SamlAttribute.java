package dev.stsbridge.idp.assertion;

import java.util.List;
import java.util.Objects;

/**
 * One {@code saml2:Attribute} of the AttributeStatement: a URI name ({@code NameFormat} uri) and its
 * {@code xs:string} values, one {@code AttributeValue} each.
 */
record SamlAttribute(String name, List<String> values) {

    static final String NAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

    SamlAttribute {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("attribute " + name + " has no value");
        }
    }
}
