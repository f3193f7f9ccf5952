package dev.stsbridge.verifier.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * IAM condition operators (without qualifier or {@code IfExists}). Each negated operator is the negation of its
 * positive form over all policy values, as IAM defines it. Values that do not parse (a number, a date) match
 * nothing.
 */
enum ConditionOperator {
    StringEquals(false, String::equals),
    StringNotEquals(true, String::equals),
    StringEqualsIgnoreCase(false, String::equalsIgnoreCase),
    StringNotEqualsIgnoreCase(true, String::equalsIgnoreCase),
    StringLike(false, (ctx, pol) -> Glob.matches(pol, ctx, false)),
    StringNotLike(true, (ctx, pol) -> Glob.matches(pol, ctx, false)),
    NumericEquals(false, (ctx, pol) -> compareNumbers(ctx, pol, c -> c == 0)),
    NumericNotEquals(true, (ctx, pol) -> compareNumbers(ctx, pol, c -> c == 0)),
    NumericLessThan(false, (ctx, pol) -> compareNumbers(ctx, pol, c -> c < 0)),
    NumericLessThanEquals(false, (ctx, pol) -> compareNumbers(ctx, pol, c -> c <= 0)),
    NumericGreaterThan(false, (ctx, pol) -> compareNumbers(ctx, pol, c -> c > 0)),
    NumericGreaterThanEquals(false, (ctx, pol) -> compareNumbers(ctx, pol, c -> c >= 0)),
    DateEquals(false, (ctx, pol) -> compareDates(ctx, pol, c -> c == 0)),
    DateNotEquals(true, (ctx, pol) -> compareDates(ctx, pol, c -> c == 0)),
    DateLessThan(false, (ctx, pol) -> compareDates(ctx, pol, c -> c < 0)),
    DateLessThanEquals(false, (ctx, pol) -> compareDates(ctx, pol, c -> c <= 0)),
    DateGreaterThan(false, (ctx, pol) -> compareDates(ctx, pol, c -> c > 0)),
    DateGreaterThanEquals(false, (ctx, pol) -> compareDates(ctx, pol, c -> c >= 0)),
    Bool(false, String::equalsIgnoreCase),
    ArnEquals(false, ConditionOperator::arnLike),
    ArnLike(false, ConditionOperator::arnLike),
    ArnNotEquals(true, ConditionOperator::arnLike),
    ArnNotLike(true, ConditionOperator::arnLike),
    Null(false, (ctx, pol) -> false);

    private interface IntTest {
        boolean test(int comparison);
    }

    private final boolean negated;
    private final BiPredicate<String, String> positive;

    ConditionOperator(boolean negated, BiPredicate<String, String> positive) {
        this.negated = negated;
        this.positive = positive;
    }

    static Optional<ConditionOperator> named(String name) {
        return Arrays.stream(values()).filter(op -> op.name().equals(name)).findFirst();
    }

    /** Whether this is a "Not" operator (true when the key is absent). */
    boolean negated() {
        return negated;
    }

    /** Whether one context value passes against the policy values (any positive match; none for negated). */
    boolean test(String contextValue, java.util.List<String> policyValues) {
        boolean any = policyValues.stream().anyMatch(policyValue -> positive.test(contextValue, policyValue));
        return negated != any;
    }

    private static boolean compareNumbers(String context, String policy, IntTest test) {
        try {
            return test.test(new BigDecimal(context.strip()).compareTo(new BigDecimal(policy.strip())));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean compareDates(String context, String policy, IntTest test) {
        Optional<Instant> a = date(context);
        Optional<Instant> b = date(policy);
        return a.isPresent() && b.isPresent() && test.test(a.get().compareTo(b.get()));
    }

    private static Optional<Instant> date(String value) {
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

    /** ARN match: six colon-separated parts, each matched with wildcards, case-sensitive. */
    private static boolean arnLike(String context, String policy) {
        String[] c = context.split(":", 6);
        String[] p = policy.split(":", 6);
        if (c.length != 6 || p.length != 6) {
            return Glob.matches(policy, context, false);
        }
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(p[i], c[i], false)) {
                return false;
            }
        }
        return true;
    }

    static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
