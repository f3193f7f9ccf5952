package dev.stsbridge.idp.assertion;

/**
 * Hand-written: writes character data and attribute values exactly as Exclusive XML Canonicalization 1.0 renders
 * them (C14N 1.0 §2.3: {@code & < >} and CR in text; {@code & < "} TAB LF CR in attributes), so that the XML we
 * write is already in canonical form and can be digested as written. Refuses characters XML 1.0 cannot carry (C0
 * controls other than TAB, LF, CR; U+FFFE, U+FFFF; unpaired surrogates) instead of writing a document no parser
 * accepts.
 */
final class CanonicalXml {

    private CanonicalXml() {
    }

    /** Appends {@code value} as element content. */
    static StringBuilder text(StringBuilder out, String value, String what) {
        if (copiesAsIs(value, '>')) {
            return out.append(value);
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#xD;");
                default -> i = appendChecked(out, value, i, what);
            }
        }
        return out;
    }

    /** Appends {@code name="value"} preceded by a space. */
    static StringBuilder attribute(StringBuilder out, String name, String value, String what) {
        out.append(' ').append(name).append("=\"");
        if (copiesAsIs(value, '"')) {
            return out.append(value).append('"');
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#x9;");
                case '\n' -> out.append("&#xA;");
                case '\r' -> out.append("&#xD;");
                default -> i = appendChecked(out, value, i, what);
            }
        }
        return out.append('"');
    }

    /**
     * Whether {@code value} needs no escaping and no check (the common case, copied as it is): no control character,
     * no {@code & <} and no {@code special}, nothing from the surrogates up (checked one by one instead).
     */
    private static boolean copiesAsIs(String value, char special) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '&' || c == '<' || c == special || c >= 0xD800) {
                return false;
            }
        }
        return true;
    }

    /** Appends the character at {@code i} (two for a surrogate pair) and returns the index of the last one used. */
    private static int appendChecked(StringBuilder out, String value, int i, String what) {
        char c = value.charAt(i);
        if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c > 0xDFFF && c < 0xFFFE) {
            out.append(c);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(i + 1));
            return i + 1;
        }
        throw new IllegalArgumentException(what + " contains a character XML cannot carry (U+"
                + String.format("%04X", (int) c) + " at index " + i + ")");
    }
}
