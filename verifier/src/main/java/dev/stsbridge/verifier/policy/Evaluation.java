package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of evaluating one request.
 *
 * @param decision allowed, explicit deny or implicit deny
 * @param matchedStatements the statements that decided it: for an explicit deny the applicable Deny statements
 *                          only; for an allow the applicable Allow statements of every policy type that had to allow;
 *                          none for an implicit deny
 * @param missingContextKeys condition keys (and variables) that statements in scope read but the request context
 *                           lacks, as written in the policies, sorted
 * @param allowedByIdentity whether an identity-based policy allows the request
 * @param allowedByBoundary whether the permissions boundary allows the request; empty when there is none
 * @param allowedBySession whether the session policies allow it; empty when there are none
 */
public record Evaluation(Decision decision, List<MatchedStatement> matchedStatements, List<String> missingContextKeys,
                         boolean allowedByIdentity, Optional<Boolean> allowedByBoundary, Optional<Boolean> allowedBySession) {
    public Evaluation {
        Objects.requireNonNull(decision, "decision");
        matchedStatements = List.copyOf(matchedStatements);
        missingContextKeys = List.copyOf(missingContextKeys);
        Objects.requireNonNull(allowedByBoundary, "allowedByBoundary");
        Objects.requireNonNull(allowedBySession, "allowedBySession");
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }

    /**
     * Why the request is refused, in AWS's AccessDenied wording: {@code with an explicit deny in a session policy},
     * {@code because no identity-based policy allows the <action> action}, ... Empty when allowed.
     */
    public Optional<String> refusalReason(String action) {
        if (decision == Decision.EXPLICIT_DENY) {
            MatchedStatement.PolicyRole role = matchedStatements.get(0).role();
            return Optional.of("with an explicit deny in " + article(role.described()) + " " + role.described());
        }
        if (decision == Decision.ALLOWED) {
            return Optional.empty();
        }
        String missing = !allowedByIdentity ? "identity-based policy" : allowedByBoundary.orElse(true)
                ? allowedBySession.orElse(true) ? "identity-based policy" : "session policy" : "permissions boundary";
        return Optional.of("because no " + missing + " allows the " + action + " action");
    }

    private static String article(String described) {
        return described.startsWith("identity") ? "an" : "a";
    }
}
