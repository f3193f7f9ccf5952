package dev.stsbridge.idp.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The assertion's NameID: {@code persistent} (default; opaque, stable per user and SP), {@code transient}, {@code email}. */
public enum NameIdFormat {
    PERSISTENT("persistent", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
    TRANSIENT("transient", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"),
    EMAIL("email", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");

    private final String key;
    private final String uri;

    NameIdFormat(String key, String uri) {
        this.key = key;
        this.uri = uri;
    }

    public String key() {
        return key;
    }

    /** The SAML Format URI. */
    public String uri() {
        return uri;
    }

    @JsonCreator
    public static NameIdFormat fromConfig(String text) {
        return ConfigEnums.parse(NameIdFormat.class, text, NameIdFormat::key);
    }
}
