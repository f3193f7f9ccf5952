package dev.stsbridge.verifier.simulator;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.stsbridge.verifier.AwsError;

/**
 * One of the simulator's {@code ContextEntries}: a condition key, its values and their type. Values must be of the
 * type ({@code InvalidInput} otherwise) and a single-valued type takes one value; the engine then compares them as
 * the policy's operator says, as IAM does.
 */
public record ContextEntry(String name, List<String> values, String type) {
    private static final Set<String> TYPES = Set.of("string", "stringList", "numeric", "numericList", "boolean",
            "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");

    public ContextEntry {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        Objects.requireNonNull(type, "type");
    }

    /** Checks the entry as the simulator does; returns it. */
    public ContextEntry validated() {
        if (name.isBlank()) {
            throw invalid("ContextKeyName is required in each of ContextEntries.");
        }
        if (!TYPES.contains(type)) {
            throw invalid("Invalid ContextKeyType " + type + " for context key " + name + ".");
        }
        if (!type.endsWith("List") && values.size() > 1) {
            throw invalid("Context key " + name + " of type " + type + " takes a single value; use " + type
                    + "List for several.");
        }
        String base = type.endsWith("List") ? type.substring(0, type.length() - 4) : type;
        for (String value : values) {
            if (!fits(base, value)) {
                throw invalid("Invalid value " + value + " for context key " + name + " of type " + type + ".");
            }
        }
        return this;
    }

    private static boolean fits(String type, String value) {
        try {
            return switch (type) {
                case "numeric" -> {
                    new java.math.BigDecimal(value.strip());
                    yield true;
                }
                case "boolean" -> value.strip().toLowerCase(Locale.ROOT).matches("true|false");
                case "ip" -> Addresses.isAddressOrBlock(value.strip());
                case "binary" -> {
                    Base64.getDecoder().decode(value.strip());
                    yield true;
                }
                case "date" -> Addresses.isDate(value);
                default -> true;
            };
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static RuntimeException invalid(String message) {
        return AwsError.sender("InvalidInput", message, 400).exception();
    }
}
