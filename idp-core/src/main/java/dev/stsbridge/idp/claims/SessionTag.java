package dev.stsbridge.idp.claims;

import java.util.Objects;

/**
 * A session tag, sent as {@code https://aws.amazon.com/SAML/Attributes/PrincipalTag:<key>} with one value.
 * Validity against AWS's rules is checked by the pre-flight check, not here, so that a bad tag can be reported.
 */
public record SessionTag(String key, String value) {
    public SessionTag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
