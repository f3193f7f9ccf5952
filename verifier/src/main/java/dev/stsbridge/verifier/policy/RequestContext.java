package dev.stsbridge.verifier.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a trust policy is evaluated against: the action, the federated principal (the SAML provider ARN) and the
 * condition keys (names case-insensitive; every key may hold several values).
 */
public final class RequestContext {
    private final String action;
    private final String federatedPrincipal;
    private final Map<String, List<String>> keys;

    public RequestContext(String action, String federatedPrincipal, Map<String, List<String>> keys) {
        this(action, federatedPrincipal, lowerCased(keys), true);
    }

    private RequestContext(String action, String federatedPrincipal, Map<String, List<String>> lowerCasedKeys,
                           boolean normalised) {
        this.action = Objects.requireNonNull(action, "action");
        this.federatedPrincipal = Objects.requireNonNull(federatedPrincipal, "federatedPrincipal");
        this.keys = lowerCasedKeys;
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> keys) {
        Map<String, List<String>> lower = new HashMap<>();
        keys.forEach((key, values) -> lower.put(ConditionOperator.lower(key), List.copyOf(values)));
        return Map.copyOf(lower);
    }

    public String action() {
        return action;
    }

    public String federatedPrincipal() {
        return federatedPrincipal;
    }

    /** The values of a condition key (empty when absent). */
    public List<String> values(String key) {
        return keys.getOrDefault(ConditionOperator.lower(key), List.of());
    }

    /** The same context for another action (sts:TagSession, sts:SetSourceIdentity). */
    public RequestContext forAction(String otherAction) {
        return new RequestContext(otherAction, federatedPrincipal, keys, true);
    }
}
