package dev.stsbridge.idp.claims;

import java.util.Objects;

/**
 * The assertion's Subject NameID and its Format URI. For AWS it becomes {@code saml:sub} and
 * {@code saml:sub_type} and lands in CloudTrail, so the default (persistent) is opaque.
 */
public record NameId(String value, String format) {
    public static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    public static final String TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    public static final String EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

    public NameId {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(format, "format");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a NameID must not be empty");
        }
    }
}
