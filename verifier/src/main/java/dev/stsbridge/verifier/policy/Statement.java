package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One trust-policy statement. Only {@code Federated} principals can name a SAML provider; {@code "*"}, {@code AWS}
 * and {@code Service} principals are kept but never match one.
 *
 * @param allow Effect Allow (else Deny)
 * @param federated the Federated principals of Principal (or of NotPrincipal when {@code notPrincipal})
 * @param notPrincipal whether the principals came as NotPrincipal
 * @param actions the action patterns (of NotAction when {@code notAction})
 */
record Statement(Optional<String> sid, boolean allow, Set<String> federated, boolean notPrincipal,
                 List<String> actions, boolean notAction, List<Condition> conditions) {
    Statement {
        federated = Set.copyOf(federated);
        actions = List.copyOf(actions);
        conditions = List.copyOf(conditions);
    }

    boolean applies(RequestContext context) {
        return principalMatches(context.federatedPrincipal()) && actionMatches(context.action())
                && conditions.stream().allMatch(condition -> condition.test(context));
    }

    private boolean principalMatches(String principal) {
        return notPrincipal != federated.contains(principal);
    }

    private boolean actionMatches(String action) {
        boolean listed = actions.stream().anyMatch(pattern -> Glob.matches(pattern, action, true));
        return notAction != listed;
    }
}
