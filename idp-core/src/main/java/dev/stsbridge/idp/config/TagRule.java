package dev.stsbridge.idp.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One session tag ({@code PrincipalTag:<key>}): its value is the first value of directory {@code attribute},
 * or the constant {@code value}; exactly one of the two.
 */
public record TagRule(String key, Optional<String> attribute, Optional<String> value) {

    /** The characters AWS allows in tag keys and values. */
    public static final Pattern TAG_CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public TagRule {
        key = ConfigChecks.required(key, "key");
        if (key.isEmpty() || key.length() > 128 || !TAG_CHARACTERS.matcher(key).matches()) {
            throw new InvalidConfigValueException("key", "must be 1-128 letters, digits, spaces or _.:/=+-@, was "
                    + ConfigChecks.quote(key));
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new InvalidConfigValueException("key", "must not start with aws: (reserved by AWS), was "
                    + ConfigChecks.quote(key));
        }
        attribute = ConfigChecks.optional(attribute).map(a -> AttributeNames.check(a, "attribute"));
        value = ConfigChecks.optional(value);
        if (attribute.isPresent() == value.isPresent()) {
            throw new InvalidConfigValueException("", "must set exactly one of attribute or value");
        }
        value.filter(v -> v.length() > 256 || !TAG_CHARACTERS.matcher(v).matches()).ifPresent(v -> {
            throw new InvalidConfigValueException("value", "must be 0-256 letters, digits, spaces or _.:/=+-@, was "
                    + ConfigChecks.quote(v));
        });
    }

    public static TagRule fromAttribute(String key, String attribute) {
        return new TagRule(key, Optional.of(attribute), Optional.empty());
    }

    public static TagRule constant(String key, String value) {
        return new TagRule(key, Optional.empty(), Optional.of(value));
    }
}
