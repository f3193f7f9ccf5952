package dev.stsbridge.verifier.signin;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sign-in pages' template helper: {@code {{name}}} inserts a value HTML-escaped, {@code {{{name}}}} inserts a
 * fragment that was itself rendered by this class. Every text from a request goes through {@link #escape}.
 * Hand-written: a template engine would be a large dependency for four small pages.
 */
final class Html {
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\{?)([a-zA-Z]+)\\}?\\}\\}");

    private Html() {
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Fills a template. Values of {@code {{x}}} slots are escaped; {@code {{{x}}}} slots take fragments this class
     * produced. A slot without a value is a programming error.
     */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = SLOT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            String value = values.get(matcher.group(2));
            if (value == null) {
                throw new IllegalArgumentException("no value for template slot " + matcher.group(2));
            }
            String inserted = matcher.group(1).isEmpty() ? escape(value) : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(inserted));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
