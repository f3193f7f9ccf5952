package dev.stsbridge.verifier.simulator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What SimulateCustomPolicy / SimulatePrincipalPolicy were asked (the botocore model's members).
 *
 * @param policySourceArn the principal whose policies are simulated (SimulatePrincipalPolicy only)
 * @param policyInputs {@code PolicyInputList}: identity-based policy documents
 * @param boundaryInputs {@code PermissionsBoundaryPolicyInputList}
 * @param actions {@code ActionNames}
 * @param resources {@code ResourceArns} (empty: {@code *})
 * @param resourcePolicy {@code ResourcePolicy}
 * @param resourceOwner {@code ResourceOwner}
 * @param callerArn {@code CallerArn}
 * @param contextEntries {@code ContextEntries}
 */
public record SimulationRequest(Optional<String> policySourceArn, List<String> policyInputs,
                                List<String> boundaryInputs, List<String> actions, List<String> resources,
                                Optional<String> resourcePolicy, Optional<String> resourceOwner,
                                Optional<String> callerArn, List<ContextEntry> contextEntries) {
    public SimulationRequest {
        Objects.requireNonNull(policySourceArn, "policySourceArn");
        policyInputs = List.copyOf(policyInputs);
        boundaryInputs = List.copyOf(boundaryInputs);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        Objects.requireNonNull(resourcePolicy, "resourcePolicy");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        Objects.requireNonNull(callerArn, "callerArn");
        contextEntries = List.copyOf(contextEntries);
    }
}
