package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed, valid IAM policy document: its statements in order, each with its position in the text. Made only by
 * {@link #parse}, which refuses an invalid document with {@code MalformedPolicyDocument} and IAM's message.
 */
public final class Policy {
    private final List<Statement> statements;

    Policy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /**
     * @throws dev.stsbridge.verifier.AwsException {@code MalformedPolicyDocument} (400) with IAM's message
     */
    public static Policy parse(String document, PolicyGrammar grammar) {
        return new Policy(PolicyParser.parse(document, grammar));
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The condition keys the policy reads (conditions and variables), as IAM's GetContextKeysFor* lists them. */
    public Set<String> contextKeys() {
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        statements.forEach(s -> keys.addAll(s.referencedKeys()));
        return keys;
    }
}
