package dev.stsbridge.idp.rules;

/** How offending values are shown in violations: quoted, escaped, long ones shortened, with their length. */
final class Shown {

    private static final int MAX_SHOWN = 300;

    private Shown() {
    }

    /** {@code "value" (n characters)}. */
    static String withLength(String value) {
        return quoted(value) + " (" + length(value) + " characters)";
    }

    static String quoted(String value) {
        String v = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
        StringBuilder s = new StringBuilder("\"");
        v.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                s.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.append('"').toString();
    }

    static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
