package dev.stsbridge.verifier.policy;

/**
 * Where a statement begins or ends in the policy text, as the simulator reports it ({@code StartPosition} /
 * {@code EndPosition}): 1-based line and column of the statement's opening brace, and of the character after its
 * closing brace.
 */
public record Position(int line, int column) {
}
