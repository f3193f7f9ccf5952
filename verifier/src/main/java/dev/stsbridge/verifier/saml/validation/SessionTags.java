package dev.stsbridge.verifier.saml.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session tags from the {@code PrincipalTag:<key>} attributes (keys as sent, in assertion order) and the
 * {@code TransitiveTagKeys}, within AWS's limits.
 */
public record SessionTags(Map<String, String> tags, List<String> transitiveTagKeys) {
    public SessionTags {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    public boolean isEmpty() {
        return tags.isEmpty() && transitiveTagKeys.isEmpty();
    }
}
