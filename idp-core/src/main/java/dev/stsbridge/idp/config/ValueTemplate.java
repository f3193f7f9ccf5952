package dev.stsbridge.idp.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A value built from directory attributes: an attribute name ({@code mail}) or a template with attributes in
 * braces ({@code {uid}@corp}). Used for RoleSessionName and SourceIdentity.
 */
public final class ValueTemplate {

    /** One piece of a template: literal text, or the (first) value of an attribute. */
    public record Part(boolean isAttribute, String text) {
        public Part {
            Objects.requireNonNull(text, "text");
        }
    }

    private final String source;
    private final List<Part> parts;

    private ValueTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    @JsonCreator
    public static ValueTemplate parse(String text) {
        String t = ConfigChecks.requiredText(text, "");
        if (t.indexOf('{') < 0 && t.indexOf('}') < 0) {
            AttributeNames.check(t, "");
            return new ValueTemplate(t, List.of(new Part(true, t)));
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            int open = t.indexOf('{', i);
            String literal = open < 0 ? t.substring(i) : t.substring(i, open);
            if (literal.indexOf('}') >= 0) {
                throw unbalanced(t);
            }
            if (!literal.isEmpty()) {
                parts.add(new Part(false, literal));
            }
            if (open < 0) {
                break;
            }
            int close = t.indexOf('}', open);
            if (close < 0) {
                throw unbalanced(t);
            }
            String attribute = t.substring(open + 1, close);
            if (!AttributeNames.isValid(attribute)) {
                throw new InvalidConfigValueException("", "{" + attribute + "} is not an attribute name in "
                        + ConfigChecks.quote(t));
            }
            parts.add(new Part(true, attribute));
            i = close + 1;
        }
        return new ValueTemplate(t, parts);
    }

    private static InvalidConfigValueException unbalanced(String t) {
        return new InvalidConfigValueException("", "braces must enclose attribute names, as in {mail}, was "
                + ConfigChecks.quote(t));
    }

    public List<Part> parts() {
        return parts;
    }

    /** The attributes the template reads, in order of first use. */
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(Part::isAttribute).forEach(p -> names.add(p.text()));
        return names;
    }

    @JsonValue
    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueTemplate other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }
}
