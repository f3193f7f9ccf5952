package dev.stsbridge.verifier.simulator;

import java.util.Objects;

import dev.stsbridge.verifier.policy.Evaluation;

/**
 * One {@code EvaluationResult}: an action on a resource and the engine's evaluation of it.
 *
 * @param resourceSpecific whether {@code ResourceArns} were given (then AWS reports the evaluation, including the
 *                         missing context values, under {@code ResourceSpecificResults})
 */
public record SimulationResult(String action, String resource, Evaluation evaluation, boolean resourceSpecific) {
    public SimulationResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(evaluation, "evaluation");
    }
}
