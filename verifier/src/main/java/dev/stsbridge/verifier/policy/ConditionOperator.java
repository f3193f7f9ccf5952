package dev.stsbridge.verifier.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IAM condition operators (without qualifier or {@code IfExists}). Each negated operator is the negation of its
 * positive form over all policy values, as IAM defines it. Values that do not parse (a number, a date, an address)
 * match nothing. String and ARN operators take policy variables; the others take their values literally.
 */
enum ConditionOperator {
    StringEquals(false, Values.STRING, (c, p, e) -> c.equals(p)),
    StringNotEquals(true, Values.STRING, (c, p, e) -> c.equals(p)),
    StringEqualsIgnoreCase(false, Values.STRING, (c, p, e) -> c.equalsIgnoreCase(p)),
    StringNotEqualsIgnoreCase(true, Values.STRING, (c, p, e) -> c.equalsIgnoreCase(p)),
    StringLike(false, Values.PATTERN, (c, p, e) -> glob(p, c, e)),
    StringNotLike(true, Values.PATTERN, (c, p, e) -> glob(p, c, e)),
    NumericEquals(false, Values.LITERAL, (c, p, e) -> compareNumbers(c, p, 0, 0)),
    NumericNotEquals(true, Values.LITERAL, (c, p, e) -> compareNumbers(c, p, 0, 0)),
    NumericLessThan(false, Values.LITERAL, (c, p, e) -> compareNumbers(c, p, -1, -1)),
    NumericLessThanEquals(false, Values.LITERAL, (c, p, e) -> compareNumbers(c, p, -1, 0)),
    NumericGreaterThan(false, Values.LITERAL, (c, p, e) -> compareNumbers(c, p, 1, 1)),
    NumericGreaterThanEquals(false, Values.LITERAL, (c, p, e) -> compareNumbers(c, p, 0, 1)),
    DateEquals(false, Values.LITERAL, (c, p, e) -> compareDates(c, p, 0, 0)),
    DateNotEquals(true, Values.LITERAL, (c, p, e) -> compareDates(c, p, 0, 0)),
    DateLessThan(false, Values.LITERAL, (c, p, e) -> compareDates(c, p, -1, -1)),
    DateLessThanEquals(false, Values.LITERAL, (c, p, e) -> compareDates(c, p, -1, 0)),
    DateGreaterThan(false, Values.LITERAL, (c, p, e) -> compareDates(c, p, 1, 1)),
    DateGreaterThanEquals(false, Values.LITERAL, (c, p, e) -> compareDates(c, p, 0, 1)),
    Bool(false, Values.LITERAL, (c, p, e) -> c.equalsIgnoreCase(p)),
    BinaryEquals(false, Values.LITERAL, (c, p, e) -> binaryEquals(c, p)),
    IpAddress(false, Values.LITERAL, (c, p, e) -> inRange(c, p)),
    NotIpAddress(true, Values.LITERAL, (c, p, e) -> inRange(c, p)),
    ArnEquals(false, Values.PATTERN, ConditionOperator::arnLike),
    ArnLike(false, Values.PATTERN, ConditionOperator::arnLike),
    ArnNotEquals(true, Values.PATTERN, ConditionOperator::arnLike),
    ArnNotLike(true, Values.PATTERN, ConditionOperator::arnLike),
    Null(false, Values.LITERAL, (c, p, e) -> false);

    /** How policy values are read: literal, string with variables, or wildcard pattern with variables. */
    enum Values { LITERAL, STRING, PATTERN }

    /** The positive test of one context value against one (resolved) policy value. */
    @FunctionalInterface
    private interface Match {
        boolean test(String contextValue, String policyValue, boolean escaped);
    }

    /** A policy value after variables: its text and whether it carries {@link Glob} escapes. */
    record PolicyValue(String text, boolean escaped) {
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final boolean negated;
    private final Values valueKind;
    private final Match positive;

    ConditionOperator(boolean negated, Values values, Match positive) {
        this.negated = negated;
        this.valueKind = values;
        this.positive = positive;
    }

    static Optional<ConditionOperator> named(String name) {
        return Arrays.stream(values()).filter(op -> op.name().equals(name)).findFirst();
    }

    /** Whether this is a "Not" operator (true when the key is absent). */
    boolean negated() {
        return negated;
    }

    Values valueKind() {
        return valueKind;
    }

    /** Whether one context value passes against the policy values (any positive match; none for negated). */
    boolean test(String contextValue, List<PolicyValue> policyValues) {
        boolean any = false;
        for (PolicyValue policyValue : policyValues) {
            if (positive.test(contextValue, policyValue.text(), policyValue.escaped())) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    private static boolean glob(String pattern, String value, boolean escaped) {
        return escaped ? Glob.matchesResolved(pattern, value, false) : Glob.matches(pattern, value, false);
    }

    /** {@code sign(context - policy)} in [low, high]. */
    private static boolean compareNumbers(String context, String policy, int low, int high) {
        try {
            int c = Integer.signum(new BigDecimal(context.strip()).compareTo(new BigDecimal(policy.strip())));
            return c >= low && c <= high;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean compareDates(String context, String policy, int low, int high) {
        Optional<Instant> a = date(context);
        Optional<Instant> b = date(policy);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        int c = Integer.signum(a.get().compareTo(b.get()));
        return c >= low && c <= high;
    }

    /** ISO 8601 (date, or date-time with offset) or epoch seconds. */
    static Optional<Instant> date(String value) {
        String v = value.strip();
        try {
            if (v.matches("\\d+")) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Both base64; equal when the decoded bytes are. */
    private static boolean binaryEquals(String context, String policy) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(context.strip()), Base64.getDecoder().decode(policy.strip()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The context value is an IP address inside the policy's CIDR block (a bare address is a /32 or /128). */
    private static boolean inRange(String context, String policy) {
        Optional<byte[]> address = address(context.strip());
        String block = policy.strip();
        int slash = block.indexOf('/');
        Optional<byte[]> network = address(slash < 0 ? block : block.substring(0, slash));
        if (address.isEmpty() || network.isEmpty() || address.get().length != network.get().length) {
            return false;
        }
        int bits = address.get().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(block.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (prefix < 0 || prefix > bits) {
            return false;
        }
        byte[] a = address.get();
        byte[] n = network.get();
        for (int i = 0; i < prefix; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** A literal IPv4 or IPv6 address; never a host name (so never a DNS lookup). */
    static Optional<byte[]> address(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** ARN match: six colon-separated parts, each matched with wildcards, case-sensitive. */
    private static boolean arnLike(String context, String policy, boolean escaped) {
        return arnMatches(policy, context, escaped);
    }

    /** Whether an ARN (or {@code *}) pattern matches an ARN, part by part when both have six parts. */
    static boolean arnMatches(String pattern, String arn, boolean escaped) {
        String[] c = arn.split(":", 6);
        String[] p = pattern.split(":", 6);
        if (c.length != 6 || p.length != 6) {
            return glob(pattern, arn, escaped);
        }
        for (int i = 0; i < 6; i++) {
            if (!glob(p[i], c[i], escaped)) {
                return false;
            }
        }
        return true;
    }

    static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
