package dev.stsbridge.verifier.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * AWS's policy evaluation logic for a request, the one evaluator of the verifier: trust policies, identity-based
 * policies, permissions boundaries, session policies and resource-based policies all go through {@link #evaluate}.
 *
 * <ol>
 *   <li>An applicable Deny in any policy: {@code explicitDeny}.</li>
 *   <li>A resource-based policy Allow that names the requester itself (the user, the role session's ARN, the SAML
 *       provider of a federated request) or anyone ({@code "*"}): allowed, whatever the identity-based policies,
 *       boundary and session policies say (same account).</li>
 *   <li>A resource-based policy Allow naming the role of a role session: allowed if the boundary and the session
 *       policies (where present) allow too; the identity-based policies need not.</li>
 *   <li>Otherwise an identity-based Allow is needed, and an Allow of the boundary and of the session policies where
 *       there are any; a resource-based Allow naming only the account counts for nothing more.</li>
 *   <li>Across accounts, the identity side (identity, boundary, session) and a resource-based Allow are both
 *       needed.</li>
 * </ol>
 * Anything else is an {@code implicitDeny}. See IAM User Guide, "Policy evaluation logic".
 */
public final class PolicyEngine {

    /** The applicable statements of one group of policies. */
    private static final class Group {
        final List<MatchedStatement> allows = new ArrayList<>();
        final List<MatchedStatement> denies = new ArrayList<>();
        Optional<Requester.Grant> bestGrant = Optional.empty();

        boolean allows() {
            return !allows.isEmpty();
        }
    }

    public Evaluation evaluate(PolicySet policies, RequestContext context) {
        Set<String> missing = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Group identity = scan(policies.identity(), MatchedStatement.PolicyRole.IDENTITY, context, missing);
        Group resource = scan(policies.resource(), MatchedStatement.PolicyRole.RESOURCE, context, missing);
        Optional<Group> boundary = policies.boundary()
                .map(p -> scan(p, MatchedStatement.PolicyRole.BOUNDARY, context, missing));
        Optional<Group> session = policies.session()
                .map(p -> scan(p, MatchedStatement.PolicyRole.SESSION, context, missing));
        Optional<Boolean> byBoundary = boundary.map(Group::allows);
        Optional<Boolean> bySession = session.map(Group::allows);

        List<MatchedStatement> denies = new ArrayList<>();
        denies.addAll(identity.denies);
        denies.addAll(resource.denies);
        boundary.ifPresent(g -> denies.addAll(g.denies));
        session.ifPresent(g -> denies.addAll(g.denies));
        List<String> missingKeys = List.copyOf(missing);
        if (!denies.isEmpty()) {
            return new Evaluation(Decision.EXPLICIT_DENY, denies, missingKeys, identity.allows(), byBoundary, bySession);
        }

        boolean boundaryOk = byBoundary.orElse(true);
        boolean sessionOk = bySession.orElse(true);
        boolean identitySide = identity.allows() && boundaryOk && sessionOk;
        List<MatchedStatement> matched = new ArrayList<>();
        boolean allowed;
        Requester.Grant grant = resource.bestGrant.orElse(null);
        if (policies.crossAccount()) {
            allowed = identitySide && resource.allows();
            if (allowed) {
                addIdentitySide(matched, identity, boundary, session);
                matched.addAll(resource.allows);
            }
        } else if (grant == Requester.Grant.EXACT || grant == Requester.Grant.ANYONE) {
            allowed = true;
            matched.addAll(resource.allows);
        } else if (grant == Requester.Grant.ROLE && boundaryOk && sessionOk) {
            allowed = true;
            matched.addAll(resource.allows);
            boundary.ifPresent(g -> matched.addAll(g.allows));
            session.ifPresent(g -> matched.addAll(g.allows));
        } else {
            allowed = identitySide;
            if (allowed) {
                addIdentitySide(matched, identity, boundary, session);
            }
        }
        return new Evaluation(allowed ? Decision.ALLOWED : Decision.IMPLICIT_DENY, allowed ? matched : List.of(),
                missingKeys, identity.allows(), byBoundary, bySession);
    }

    private static void addIdentitySide(List<MatchedStatement> matched, Group identity, Optional<Group> boundary,
                                        Optional<Group> session) {
        matched.addAll(identity.allows);
        boundary.ifPresent(g -> matched.addAll(g.allows));
        session.ifPresent(g -> matched.addAll(g.allows));
    }

    private static Group scan(List<SourcedPolicy> policies, MatchedStatement.PolicyRole role, RequestContext context,
                              Set<String> missing) {
        Group group = new Group();
        for (SourcedPolicy source : policies) {
            for (Statement statement : source.policy().statements()) {
                if (!statement.actionMatches(context.action()) || !statement.resourceMatches(context)) {
                    continue;
                }
                Optional<Requester.Grant> grant = statement.principalGrant(context.requester());
                if (grant.isEmpty()) {
                    continue;
                }
                for (String key : statement.referencedKeys()) {
                    if (!context.has(key)) {
                        missing.add(key);
                    }
                }
                if (!statement.conditionsHold(context)) {
                    continue;
                }
                MatchedStatement match = new MatchedStatement(source, statement, role);
                if (statement.allows()) {
                    group.allows.add(match);
                    if (group.bestGrant.isEmpty() || grant.get().compareTo(group.bestGrant.get()) > 0) {
                        group.bestGrant = grant;
                    }
                } else {
                    group.denies.add(match);
                }
            }
        }
        return group;
    }
}
