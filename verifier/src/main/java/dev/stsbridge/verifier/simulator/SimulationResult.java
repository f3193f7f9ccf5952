package dev.stsbridge.verifier.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.policy.Decision;
import dev.stsbridge.verifier.policy.Evaluation;

/**
 * One {@code EvaluationResult}: an action on a resource and the engine's evaluation of it.
 *
 * @param resourceSpecific whether {@code ResourceArns} were given (then AWS reports the evaluation, including the
 *                         missing context values, under {@code ResourceSpecificResults})
 * @param decisionDetails {@code EvalDecisionDetails}: empty when not returned; by policy source
 *                        ({@link #IDENTITY_SOURCE}, {@link #RESOURCE_SOURCE}) for a cross-account simulation
 */
public record SimulationResult(String action, String resource, Evaluation evaluation, boolean resourceSpecific,
                               Optional<Map<String, Decision>> decisionDetails) {
    /** How AWS's simulator names identity-based policies ({@code SourcePolicyType}, {@code EvalDecisionDetails}). */
    public static final String IDENTITY_SOURCE = "IAM Policy";
    /** How it names the {@code ResourcePolicy}. */
    public static final String RESOURCE_SOURCE = "Resource Policy";

    public SimulationResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(evaluation, "evaluation");
        decisionDetails = Objects.requireNonNull(decisionDetails, "decisionDetails").map(d -> Collections.unmodifiableMap(new LinkedHashMap<>(d)));
    }
}
