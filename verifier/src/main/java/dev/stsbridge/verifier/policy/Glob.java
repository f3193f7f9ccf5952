package dev.stsbridge.verifier.policy;

/**
 * IAM's wildcard match: {@code *} any run of characters, {@code ?} one character; no regular expressions. A
 * resolved pattern ({@link #matchesResolved}) may escape a character with a backslash: {@link PolicyVariables} writes
 * one for {@code ${*}}, {@code ${?}} and for characters of substituted text.
 */
final class Glob {
    private Glob() {
    }

    /** A pattern as written in a policy (a backslash is a plain character). */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        return plain(pattern, value, ignoreCase);
    }

    /** A pattern from {@link PolicyVariables#resolve} with {@code forGlob}: backslash escapes the next character. */
    static boolean matchesResolved(String pattern, String value, boolean ignoreCase) {
        return pattern.indexOf('\\') < 0 ? plain(pattern, value, ignoreCase) : escaped(pattern, 0, value, 0, ignoreCase);
    }

    private static boolean plain(String pattern, String value, boolean ignoreCase) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Backtracking match for patterns with escapes (rare: only after variable substitution). */
    private static boolean escaped(String pattern, int p, String value, int v, boolean ignoreCase) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int k = v; k <= value.length(); k++) {
                    if (escaped(pattern, p + 1, value, k, ignoreCase)) {
                        return true;
                    }
                }
                return false;
            }
            if (v >= value.length()) {
                return false;
            }
            if (c == '?') {
                p++;
                v++;
                continue;
            }
            if (c == '\\' && p + 1 < pattern.length()) {
                c = pattern.charAt(++p);
            }
            if (!same(c, value.charAt(v), ignoreCase)) {
                return false;
            }
            p++;
            v++;
        }
        return v == value.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
