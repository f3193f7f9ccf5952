package dev.stsbridge.idp.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How to read the immutable-ID attribute of a directory entry. */
public enum ImmutableIdFormat {
    /** A text attribute such as OpenLDAP's {@code entryUUID}. */
    TEXT("text"),
    /** Active Directory's binary {@code objectGUID}, shown as a GUID the way Windows tools show it. */
    GUID("guid"),
    /** Any binary attribute, as lower-case hex. */
    HEX("hex");

    private final String key;

    ImmutableIdFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @JsonCreator
    public static ImmutableIdFormat fromConfig(String text) {
        return ConfigEnums.parse(ImmutableIdFormat.class, text, ImmutableIdFormat::key);
    }
}
