package dev.stsbridge.idp.claims;

import java.util.List;
import java.util.Optional;

import dev.stsbridge.idp.config.ValueTemplate;
import dev.stsbridge.idp.directory.DirectoryUser;

/**
 * Reads one value per claim from directory attributes. AWS takes exactly one value for RoleSessionName,
 * SourceIdentity and each session tag, so a multi-valued attribute contributes its first value (in the order
 * the directory returns them) and a note says so; joining values could exceed AWS's lengths and would put
 * separators AWS may refuse into the value.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    /** The first value of the attribute, noting a missing or multi-valued attribute under {@code claim}. */
    static Optional<String> first(DirectoryUser user, String attribute, String claim, List<String> notes) {
        List<String> values = user.values(attribute);
        if (values.size() > 1) {
            notes.add(claim + ": attribute " + attribute + " has " + values.size() + " values; using the first, \""
                    + values.get(0) + "\" (AWS takes one value)");
        }
        return values.stream().findFirst();
    }

    /** The template filled in, or empty (with a note) when an attribute it needs is missing. */
    static Optional<String> render(ValueTemplate template, DirectoryUser user, String claim, List<String> notes) {
        StringBuilder value = new StringBuilder();
        for (ValueTemplate.Part part : template.parts()) {
            if (!part.isAttribute()) {
                value.append(part.text());
                continue;
            }
            Optional<String> v = first(user, part.text(), claim, notes);
            if (v.isEmpty()) {
                notes.add(claim + " omitted: attribute " + part.text() + " missing");
                return Optional.empty();
            }
            value.append(v.get());
        }
        return Optional.of(value.toString());
    }
}
