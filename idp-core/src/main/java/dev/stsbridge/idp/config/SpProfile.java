package dev.stsbridge.idp.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What an SP's assertions carry: {@code aws-signin}, AWS's role, session and tag attributes, checked by the
 * pre-flight rules (AWS's console sign-in); {@code basic}, a NameID and the person's mail and name attributes, no
 * roles (any other SAML SP, e.g. IAM Identity Center).
 */
public enum SpProfile {
    AWS_SIGNIN("aws-signin"),
    BASIC("basic");

    private final String key;

    SpProfile(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @JsonCreator
    public static SpProfile fromConfig(String text) {
        return ConfigEnums.parse(SpProfile.class, text, SpProfile::key);
    }
}
