package dev.stsbridge.idp.directory;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * An LDAP filter with placeholders ({@code {0}} the login name, {@code {dn}} a DN), filled in one pass with
 * each value escaped as RFC 4515 requires ({@code *} becomes {@code \2a}, {@code (} becomes {@code \28}, ...),
 * so a username such as {@code *)(uid=*} matches nobody instead of everybody.
 */
final class FilterTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{0}|\\{dn}");

    private final String template;

    FilterTemplate(String template) {
        this.template = template;
    }

    /** The filter with the placeholders replaced by the escaped values ({@code "0"} and {@code "dn"}). */
    Filter fill(Map<String, String> values) throws LDAPException {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder filter = new StringBuilder();
        while (m.find()) {
            String name = m.group().substring(1, m.group().length() - 1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + name + "} in " + template);
            }
            m.appendReplacement(filter, Matcher.quoteReplacement(Filter.encodeValue(value)));
        }
        m.appendTail(filter);
        return Filter.create(filter.toString());
    }

    boolean uses(String name) {
        return template.contains("{" + name + "}");
    }

    @Override
    public String toString() {
        return template;
    }
}
