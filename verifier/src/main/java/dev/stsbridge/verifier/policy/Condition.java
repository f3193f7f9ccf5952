package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Objects;

/**
 * One condition: operator, qualifier ({@code ForAnyValue:} / {@code ForAllValues:}), {@code IfExists}, one key
 * (lower-cased: key names are case-insensitive) and its values (any may match).
 */
record Condition(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key, List<String> values) {
    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(qualifier, "qualifier");
        key = ConditionOperator.lower(key);
        values = List.copyOf(values);
    }

    boolean test(RequestContext context) {
        List<String> actual = context.values(key);
        if (operator == ConditionOperator.Null) {
            return values.stream().anyMatch(v -> v.equalsIgnoreCase("true") == actual.isEmpty());
        }
        if (actual.isEmpty()) {
            return ifExists || switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.negated();
            };
        }
        boolean all = qualifier == Qualifier.FOR_ALL_VALUES || qualifier == Qualifier.NONE && operator.negated();
        return all ? actual.stream().allMatch(v -> operator.test(v, values))
                : actual.stream().anyMatch(v -> operator.test(v, values));
    }
}
