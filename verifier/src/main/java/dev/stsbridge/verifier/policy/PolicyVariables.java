package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * IAM policy variables in {@code Resource} / {@code NotResource} and in string and ARN condition values:
 * {@code ${aws:username}}, {@code ${aws:PrincipalTag/team}}, any condition key of the request context, with an
 * optional default ({@code ${aws:PrincipalTag/team, 'none'}}); {@code ${*}}, {@code ${?}} and {@code ${$}} stand for
 * the literal characters. Only policies with {@code "Version": "2012-10-17"} have variables; in older ones the text
 * is literal.
 *
 * <p>A variable whose key is absent (or holds several values) and has no default cannot be resolved: the value that
 * contains it then matches nothing (so a {@code Resource} with it does not apply, a positive condition is false and
 * a negated one true).
 */
final class PolicyVariables {
    private PolicyVariables() {
    }

    /** A policy value after substitution: the text, with {@code *}/{@code ?} that came from {@code ${*}}/{@code ${?}} escaped. */
    record Resolved(Optional<String> text) {
        static final Resolved UNRESOLVABLE = new Resolved(Optional.empty());
    }

    /** Whether the text holds {@code ${...}} at all (cheap check before resolving). */
    static boolean hasVariables(String text) {
        return text.contains("${");
    }

    /**
     * Substitutes variables. Literal {@code *} and {@code ?} from {@code ${*}} / {@code ${?}} come back escaped as
     * {@code \*} / {@code \?} when {@code forGlob}; {@link Glob} reads them as plain characters.
     */
    static Resolved resolve(String text, RequestContext context, boolean forGlob) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                appendLiteral(out, text.substring(i), forGlob);
                break;
            }
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                appendLiteral(out, text.substring(i), forGlob);
                break;
            }
            appendLiteral(out, text.substring(i, start), forGlob);
            Optional<String> value = value(text.substring(start + 2, end), context);
            if (value.isEmpty()) {
                return Resolved.UNRESOLVABLE;
            }
            String v = value.get();
            out.append(forGlob ? v.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?") : v);
            i = end + 1;
        }
        return new Resolved(Optional.of(out.toString()));
    }

    private static void appendLiteral(StringBuilder out, String literal, boolean forGlob) {
        out.append(forGlob ? literal.replace("\\", "\\\\") : literal);
    }

    private static Optional<String> value(String inner, RequestContext context) {
        switch (inner) {
            case "*", "?", "$" -> {
                return Optional.of(inner);
            }
            default -> {
            }
        }
        String key = inner;
        Optional<String> fallback = Optional.empty();
        int comma = inner.indexOf(',');
        if (comma >= 0) {
            key = inner.substring(0, comma).strip();
            String rest = inner.substring(comma + 1).strip();
            if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
                fallback = Optional.of(rest.substring(1, rest.length() - 1));
            }
        }
        List<String> values = context.values(key.strip());
        return values.size() == 1 ? Optional.of(values.get(0)) : fallback;
    }

    /** The condition keys a text's variables refer to (for MissingContextValues and GetContextKeysFor*). */
    static Set<String> keys(String text) {
        Set<String> keys = new TreeSet<>();
        int i = 0;
        while (true) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                return keys;
            }
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                return keys;
            }
            String inner = text.substring(start + 2, end);
            int comma = inner.indexOf(',');
            String key = (comma >= 0 ? inner.substring(0, comma) : inner).strip();
            if (key.contains(":")) {
                keys.add(key);
            }
            i = end + 1;
        }
    }
}
