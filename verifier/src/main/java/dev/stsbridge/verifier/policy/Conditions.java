package dev.stsbridge.verifier.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parses a {@code Condition} block: {@code {"<qualifier:>Operator<IfExists>": {"key": value | [values]}}}. Several
 * operators and several keys are ANDed; several values of one key are ORed. Unknown operators are refused with
 * IAM's "Invalid Condition type : <name>".
 */
final class Conditions {
    private Conditions() {
    }

    static List<Condition> parse(JsonNode block, boolean variables) {
        PolicyParser.require(block.isObject(), PolicyParser.SYNTAX);
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operator : PolicyParser.entries(block)) {
            PolicyParser.require(operator.getValue().isObject() && !operator.getValue().isEmpty(), PolicyParser.SYNTAX);
            for (Map.Entry<String, JsonNode> key : PolicyParser.entries(operator.getValue())) {
                conditions.add(condition(operator.getKey(), key.getKey(), values(key.getValue()), variables));
            }
        }
        return conditions;
    }

    private static Condition condition(String name, String key, List<String> values, boolean variables) {
        Condition.Qualifier qualifier = Condition.Qualifier.NONE;
        String rest = name;
        if (rest.startsWith("ForAnyValue:")) {
            qualifier = Condition.Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (rest.startsWith("ForAllValues:")) {
            qualifier = Condition.Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = rest.endsWith("IfExists") && !rest.equals("IfExists");
        String base = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        ConditionOperator operator = ConditionOperator.named(base)
                .filter(op -> !(ifExists && op == ConditionOperator.Null))
                .orElseThrow(() -> PolicyParser.malformed("Invalid Condition type : " + name));
        PolicyParser.require(key.contains(":"), PolicyParser.VENDOR);
        if (operator == ConditionOperator.Null || operator == ConditionOperator.Bool) {
            PolicyParser.require(values.stream().allMatch(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")),
                    PolicyParser.SYNTAX);
        }
        return new Condition(operator, qualifier, ifExists, key, values, variables);
    }

    /** A string, number or boolean, or a non-empty array of them, as strings. */
    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.isArray() ? node : List.of(node)) {
            PolicyParser.require(value.isValueNode() && !value.isNull(), PolicyParser.SYNTAX);
            values.add(value.asText());
        }
        PolicyParser.require(!values.isEmpty(), PolicyParser.SYNTAX);
        return values;
    }
}
