package dev.stsbridge.verifier.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer for AWS's Query responses: elements and escaped text only, no attributes except a
 * default namespace. Every value goes through {@link #escape}, so no caller ever concatenates unescaped text into
 * markup. Characters that XML 1.0 cannot carry at all (most C0 controls, unpaired surrogates, U+FFFE/U+FFFF) are
 * written as U+FFFD; input validation keeps them out of every value in practice.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens {@code <name xmlns="namespace">}. */
    public XmlWriter start(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"");
        escape(namespace, out);
        out.append("\">");
        open.push(name);
        return this;
    }

    /** Opens {@code <name>}. */
    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Closes the innermost open element. */
    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** Writes {@code <name>escaped value</name>}. */
    public XmlWriter element(String name, String value) {
        out.append('<').append(name).append('>');
        escape(value, out);
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter element(String name, long value) {
        return element(name, Long.toString(value));
    }

    public XmlWriter element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    /** Writes a timestamp as AWS's Query services do: ISO-8601 UTC, whole seconds ({@code 2025-02-20T10:00:00Z}). */
    public XmlWriter element(String name, Instant value) {
        return element(name, value.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Writes an empty element {@code <name/>}, as AWS does for an empty structure. */
    public XmlWriter empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    /** The document; every opened element must have been closed. */
    public String toXml() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> i = appendChecked(text, i, c, out);
            }
        }
    }

    private static int appendChecked(String text, int i, char c, StringBuilder out) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(i + 1));
            return i + 1;
        }
        boolean allowed = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
        out.append(allowed ? c : '\uFFFD');
        return i;
    }
}
