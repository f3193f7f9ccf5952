package dev.stsbridge.verifier.policy;

import java.util.Objects;

/** A statement that decided an evaluation, with the policy it is in. */
public record MatchedStatement(SourcedPolicy source, Statement statement) {
    public MatchedStatement {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(statement, "statement");
    }
}
