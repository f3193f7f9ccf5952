package dev.stsbridge.idp.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How the directory says which groups a person is in. */
public enum GroupMode {
    /** Search for groups that list the person ({@code (&(objectClass=groupOfNames)(member={dn}))}); works everywhere. */
    SEARCH("search"),
    /** Read the person's {@code memberOf} attribute (Active Directory; OpenLDAP with the memberof overlay). */
    MEMBER_OF("member-of");

    private final String key;

    GroupMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @JsonCreator
    public static GroupMode fromConfig(String text) {
        return ConfigEnums.parse(GroupMode.class, text, GroupMode::key);
    }
}
