package dev.stsbridge.idp.config;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads an enum from its lower-case-dashed configuration key, refusing anything else with the allowed values. */
final class ConfigEnums {

    private ConfigEnums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> key) {
        for (E value : type.getEnumConstants()) {
            if (key.apply(value).equals(text)) {
                return value;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(key).collect(Collectors.joining(", "));
        throw new InvalidConfigValueException("", "must be one of " + allowed + ", was "
                + ConfigChecks.quote(String.valueOf(text)));
    }
}
