package dev.stsbridge.idp.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What the IdP signs: the {@code assertion} (default; what AWS's metadata asks for), the {@code response}, or {@code both}. */
public enum SignedParts {
    ASSERTION("assertion"),
    RESPONSE("response"),
    BOTH("both");

    private final String key;

    SignedParts(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean signsAssertion() {
        return this != RESPONSE;
    }

    public boolean signsResponse() {
        return this != ASSERTION;
    }

    @JsonCreator
    public static SignedParts fromConfig(String text) {
        return ConfigEnums.parse(SignedParts.class, text, SignedParts::key);
    }
}
