package dev.stsbridge.verifier.query;

import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.auth.Caller;

/**
 * One call of an action, after authentication and parameter validation against the model.
 *
 * @param action the action name
 * @param parameters the request parameters
 * @param caller who signed the request
 * @param requestId the request's ID (also in the response)
 */
public record ActionCall(String action, QueryParameters parameters, Caller caller, String requestId) {
    public ActionCall {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** A parameter the model requires (so validation already refused its absence). */
    public String required(String name) {
        return parameters.get(name).orElseThrow(() -> AwsError.validation("1 validation error detected: Value null at '"
                + ParameterValidator.lowerFirst(name) + "' failed to satisfy constraint: Member must not be null")
                .exception());
    }

    public Optional<String> optional(String name) {
        return parameters.get(name);
    }

    /** An integer parameter (its syntax and range already validated against the model). */
    public Optional<Integer> integer(String name) {
        return parameters.get(name).map(v -> Integer.parseInt(v.trim()));
    }
}
