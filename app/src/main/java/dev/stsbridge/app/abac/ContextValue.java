package dev.stsbridge.app.abac;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One simulator context entry: {@code ContextKeyName}, {@code ContextKeyValues}, {@code ContextKeyType} (as IAM spells
 * the types: string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date,
 * dateList).
 */
public record ContextValue(String key, List<String> values, String type) {

    /** IAM's {@code ContextKeyTypeEnum}. */
    public static final Set<String> TYPES = Set.of("string", "stringList", "numeric", "numericList", "boolean",
            "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");

    public ContextValue {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        Objects.requireNonNull(type, "type");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a context key is empty");
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown context key type '" + type + "' (one of " + String.join(", ",
                    TYPES.stream().sorted().toList()) + ")");
        }
        if (values.size() != 1 && !type.endsWith("List")) {
            throw new IllegalArgumentException(key + " has " + values.size() + " values: a " + type
                    + " has one (use " + type + "List)");
        }
    }

    public static ContextValue string(String key, String value) {
        return new ContextValue(key, List.of(value), "string");
    }

    /**
     * {@code KEY=VALUE[:TYPE]}: string by default; a list type takes comma-separated values
     * ({@code aws:TagKeys=team,Name:stringList}). The key may contain colons ({@code aws:TagKeys}); the type is the
     * text after the value's last colon only when that is one of {@link #TYPES}.
     */
    public static ContextValue parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("expected KEY=VALUE[:TYPE], was '" + text + "'");
        }
        String key = text.substring(0, equals);
        String rest = text.substring(equals + 1);
        int colon = rest.lastIndexOf(':');
        String type = "string";
        if (colon >= 0 && TYPES.contains(rest.substring(colon + 1))) {
            type = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        List<String> values = type.endsWith("List") ? Arrays.asList(rest.split(",", -1)) : List.of(rest);
        return new ContextValue(key, values, type);
    }
}
