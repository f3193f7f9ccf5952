package dev.stsbridge.verifier.policy;

/**
 * Where a statement begins or ends in the policy text, as the simulator reports it ({@code StartPosition} /
 * {@code EndPosition}): 1-based line, and the 1-based column just past the statement's opening brace and just past
 * its closing brace. That is what AWS returns: for the one-line policy of the AWS CLI's simulate-custom-policy
 * example, whose statement's braces are the 37th and 166th characters, StartPosition Column 38 and EndPosition
 * Column 167.
 */
public record Position(int line, int column) {
}
