package dev.stsbridge.idp.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Who must pass a second factor at sign-in ({@code mfa.required}). */
public enum MfaRequirement {
    /** Nobody, unless they enrolled a factor or use a role with {@code require-mfa} (the default). */
    NONE("none"),
    /** Everyone. */
    EVERYONE("everyone"),
    /** Members of {@code mfa.groups}. */
    GROUPS("groups");

    private final String key;

    MfaRequirement(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @JsonCreator
    public static MfaRequirement fromConfig(String text) {
        return ConfigEnums.parse(MfaRequirement.class, text, MfaRequirement::key);
    }
}
