package dev.stsbridge.idp.rules;

import java.util.Objects;

/**
 * One broken AWS rule: whose claims, which rule, and the offending value as shown to people (quoted, with its
 * length where length matters, e.g. {@code "a...z" (65 characters)}).
 */
public record AwsRuleViolation(String user, AwsRule rule, String value) {

    public AwsRuleViolation {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(value, "value");
    }

    /** {@code alice: RoleSessionName must match [\w+=,.@-]{2,64}, was "..." (65 characters)}. */
    public String message() {
        return user + ": " + rule.text() + ", was " + value;
    }

    @Override
    public String toString() {
        return message();
    }
}
