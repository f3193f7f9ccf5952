package dev.stsbridge.verifier.iam;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.stsbridge.verifier.AwsError;

/** An IAM tag. Lists of tags keep their order, as IAM returns them. */
public record Tag(String key, String value) {
    public Tag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Refuses keys that repeat ignoring case, with IAM's recorded message.
     *
     * @throws dev.stsbridge.verifier.AwsException {@code InvalidInput}
     */
    public static List<Tag> requireUniqueKeys(List<Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw AwsError.sender("InvalidInput",
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.", 400).exception();
            }
        }
        return List.copyOf(tags);
    }

    /** The tags as a map, in order (for the shared contract types, which hold tags as maps). */
    public static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
