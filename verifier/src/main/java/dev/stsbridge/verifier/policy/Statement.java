package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One statement of a parsed policy. Matching, as IAM does it: actions with wildcards ignoring case, resources with
 * wildcards and policy variables, case-sensitive, ARN part by part; {@code Not*} elements invert; a statement with
 * no {@code Resource} (trust policies) applies to the resource the policy is attached to; a statement with no
 * {@code Principal} (identity-based) applies to its principal.
 *
 * @param sid the {@code Sid}, if any
 * @param effect Allow or Deny
 * @param principals {@code Principal} / {@code NotPrincipal} values by type ({@code AWS}, {@code Federated},
 *                   {@code Service}, {@code CanonicalUser}; {@code "*"} is {@code AWS: *}); empty when absent
 * @param notPrincipal whether they came as NotPrincipal
 * @param actions the action patterns (of NotAction when {@code notAction})
 * @param resources the resource patterns (of NotResource when {@code notResource}); empty when absent
 * @param conditions ANDed
 * @param variables whether policy variables are substituted (Version 2012-10-17)
 * @param start where the statement's text begins
 * @param end where it ends
 */
public record Statement(Optional<String> sid, Effect effect, Map<String, List<String>> principals, boolean notPrincipal,
                        List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                        List<Condition> conditions, boolean variables, Position start, Position end) {
    public Statement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
        principals = Map.copyOf(principals);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean allows() {
        return effect == Effect.ALLOW;
    }

    /**
     * How this statement's principal element names the requester: {@link Requester.Grant#EXACT} when there is no
     * Principal (identity-based), empty when it does not name the requester.
     */
    Optional<Requester.Grant> principalGrant(Requester requester) {
        if (principals.isEmpty()) {
            return Optional.of(Requester.Grant.EXACT);
        }
        Optional<Requester.Grant> best = Optional.empty();
        for (Map.Entry<String, List<String>> entry : principals.entrySet()) {
            for (String value : entry.getValue()) {
                Optional<Requester.Grant> grant = requester.namedBy(entry.getKey(), value);
                if (grant.isPresent() && (best.isEmpty() || grant.get().compareTo(best.get()) > 0)) {
                    best = grant;
                }
            }
        }
        if (notPrincipal) {
            return best.isPresent() ? Optional.empty() : Optional.of(Requester.Grant.EXACT);
        }
        return best;
    }

    boolean actionMatches(String action) {
        boolean listed = false;
        for (String pattern : actions) {
            if (Glob.matches(pattern, action, true)) {
                listed = true;
                break;
            }
        }
        return notAction != listed;
    }

    boolean resourceMatches(RequestContext context) {
        if (resources.isEmpty()) {
            return true;
        }
        boolean listed = false;
        for (String pattern : resources) {
            if (resourcePatternMatches(pattern, context)) {
                listed = true;
                break;
            }
        }
        return notResource != listed;
    }

    private boolean resourcePatternMatches(String pattern, RequestContext context) {
        if (pattern.equals("*")) {
            return true;
        }
        if (variables && PolicyVariables.hasVariables(pattern)) {
            return PolicyVariables.resolve(pattern, context, true).text()
                    .map(resolved -> ConditionOperator.arnMatches(resolved, context.resource(), true))
                    .orElse(false);
        }
        return ConditionOperator.arnMatches(pattern, context.resource(), false);
    }

    /** Whether principal, action and resource match (conditions not yet considered). */
    boolean inScope(RequestContext context) {
        return actionMatches(context.action()) && resourceMatches(context)
                && principalGrant(context.requester()).isPresent();
    }

    boolean conditionsHold(RequestContext context) {
        for (Condition condition : conditions) {
            if (!condition.test(context)) {
                return false;
            }
        }
        return true;
    }

    /** Principal, action, resource and conditions all match. */
    boolean applies(RequestContext context) {
        return inScope(context) && conditionsHold(context);
    }

    /** Every condition key this statement reads, in its conditions and its resources' variables. */
    Set<String> referencedKeys() {
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        conditions.forEach(c -> keys.addAll(c.referencedKeys()));
        if (variables) {
            resources.forEach(r -> keys.addAll(PolicyVariables.keys(r)));
        }
        return keys;
    }
}
