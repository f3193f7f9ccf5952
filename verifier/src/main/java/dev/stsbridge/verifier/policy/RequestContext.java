package dev.stsbridge.verifier.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a policy is evaluated against: who asks ({@link Requester}), the action, the resource (an ARN, or {@code *}
 * as the simulator uses when no resource is named) and the condition keys of the request context (names
 * case-insensitive; every key may hold several values). Policy variables ({@code ${aws:PrincipalTag/team}}) are
 * resolved from the same keys.
 */
public final class RequestContext {
    private final Requester requester;
    private final String action;
    private final String resource;
    private final Map<String, List<String>> keys;

    private RequestContext(Requester requester, String action, String resource, Map<String, List<String>> lowerCased) {
        this.requester = Objects.requireNonNull(requester, "requester");
        this.action = Objects.requireNonNull(action, "action");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.keys = lowerCased;
    }

    /** A request of {@code requester} for {@code action} on {@code resource}, with these context keys. */
    public static RequestContext of(Requester requester, String action, String resource,
                                    Map<String, List<String>> keys) {
        return new RequestContext(requester, action, resource, lowerCased(keys));
    }

    /** A federated request to a role's trust policy (AssumeRoleWithSAML): {@code Federated: providerArn}. */
    public RequestContext(String action, String federatedPrincipal, Map<String, List<String>> keys) {
        this(Requester.samlProvider(federatedPrincipal), action, "*", lowerCased(keys));
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> keys) {
        Map<String, List<String>> lower = new HashMap<>();
        keys.forEach((key, values) -> lower.put(ConditionOperator.lower(key), List.copyOf(values)));
        return Map.copyOf(lower);
    }

    public Requester requester() {
        return requester;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    /** The values of a condition key (empty when absent). */
    public List<String> values(String key) {
        return keys.getOrDefault(ConditionOperator.lower(key), List.of());
    }

    /** Whether the request context has this key at all (an empty list still counts as present). */
    public boolean has(String key) {
        return keys.containsKey(ConditionOperator.lower(key));
    }

    /** The same request for another action (sts:TagSession, sts:SetSourceIdentity). */
    public RequestContext forAction(String otherAction) {
        return new RequestContext(requester, otherAction, resource, keys);
    }

    /** The same request on another resource. */
    public RequestContext onResource(String otherResource) {
        return new RequestContext(requester, action, otherResource, keys);
    }
}
