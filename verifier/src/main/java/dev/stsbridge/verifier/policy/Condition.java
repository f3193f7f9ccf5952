package dev.stsbridge.verifier.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.stsbridge.verifier.policy.ConditionOperator.PolicyValue;

/**
 * One condition: operator, qualifier ({@code ForAnyValue:} / {@code ForAllValues:}), {@code IfExists}, one key
 * and its values (any may match). Keys are kept as written (for the simulator's lists) and compared ignoring case.
 *
 * <p>Semantics, as IAM documents them: an absent key makes a positive operator false and a negated one true, unless
 * {@code IfExists} (true); {@code Null} tests absence; {@code ForAllValues} is true for an absent or empty key and
 * otherwise needs every context value to match; {@code ForAnyValue} is false for an absent or empty key and
 * otherwise needs one. Without a qualifier, a multivalued key matches when any value does (all, for a negated
 * operator).
 *
 * @param variables whether the policy has variables (Version 2012-10-17) so that values are resolved
 */
record Condition(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key, List<String> values,
                 boolean variables) {
    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(key, "key");
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
        List<PolicyValue> resolved = resolved(context);
        boolean all = qualifier == Qualifier.FOR_ALL_VALUES || qualifier == Qualifier.NONE && operator.negated();
        return all ? actual.stream().allMatch(v -> operator.test(v, resolved))
                : actual.stream().anyMatch(v -> operator.test(v, resolved));
    }

    /** The policy values with variables substituted; an unresolvable one is dropped (it matches nothing). */
    private List<PolicyValue> resolved(RequestContext context) {
        ConditionOperator.Values kind = operator.valueKind();
        if (!variables || kind == ConditionOperator.Values.LITERAL) {
            return values.stream().map(v -> new PolicyValue(v, false)).toList();
        }
        List<PolicyValue> out = new ArrayList<>(values.size());
        boolean glob = kind == ConditionOperator.Values.PATTERN;
        for (String value : values) {
            if (!PolicyVariables.hasVariables(value)) {
                out.add(new PolicyValue(value, false));
                continue;
            }
            PolicyVariables.resolve(value, context, glob).text().ifPresent(text -> out.add(new PolicyValue(text, glob)));
        }
        return out;
    }

    /** The condition key and the keys its values' variables refer to. */
    Set<String> referencedKeys() {
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        keys.add(key);
        if (variables && operator.valueKind() != ConditionOperator.Values.LITERAL) {
            values.forEach(v -> keys.addAll(PolicyVariables.keys(v)));
        }
        return keys;
    }
}
