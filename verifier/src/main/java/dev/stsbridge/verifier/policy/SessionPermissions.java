package dev.stsbridge.verifier.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.iam.PermissionPolicy;
import dev.stsbridge.verifier.iam.RolePermissions;

/**
 * What a principal may do: a role session (its role's identity-based policies and permissions boundary, and the
 * session's own session policies), an IAM user (its policies and boundary), a federated user (its IAM user's policies
 * AND its session policies: none passed means no permissions) or a session token (the user's), evaluated by the
 * {@link PolicyEngine} with the request context AWS builds ({@code aws:PrincipalTag/*} from the role's or user's tags
 * overridden by the session tags, {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType},
 * {@code aws:userid}, {@code aws:username} for users, {@code aws:SourceIdentity}, {@code aws:MultiFactorAuthPresent}
 * and {@code aws:MultiFactorAuthAge}, {@code aws:CurrentTime}, {@code aws:EpochTime}, {@code aws:SecureTransport},
 * {@code aws:RequestedRegion}) plus the request's own keys.
 */
public final class SessionPermissions {
    private final IamDirectory iam;
    private final PermissionPolicies policies;
    private final Clock clock;
    private final PolicyEngine engine = new PolicyEngine();

    public SessionPermissions(IamDirectory iam, PermissionPolicies policies, Clock clock) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Evaluates {@code action} on {@code resource} by the session, with the request's own condition keys. */
    public Evaluation evaluate(SessionFacts session, String action, String resource,
                               Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = new HashMap<>(contextKeys(session));
        keys.putAll(requestKeys);
        return engine.evaluate(policySet(session), RequestContext.of(session.requester(), action, resource, keys));
    }

    /**
     * Evaluates a request of the principal to a resource that has a resource-based policy (a role's trust policy):
     * the principal's policies and the resource policy, same account or across ({@code crossAccount}).
     */
    public Evaluation evaluate(SessionFacts principal, String action, String resource, SourcedPolicy resourcePolicy,
                               boolean crossAccount, Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = new HashMap<>(contextKeys(principal));
        keys.putAll(requestKeys);
        PolicySet set = policySet(principal).withResource(List.of(resourcePolicy), crossAccount);
        return engine.evaluate(set, RequestContext.of(principal.requester(), action, resource, keys));
    }

    /**
     * Whether a resource-based policy by itself allows the principal's request (no applicable Deny, an applicable
     * Allow naming the principal, its role or its account): the engine's cross-account rule with an identity side
     * that allows everything.
     */
    public boolean resourcePolicyAllows(SessionFacts principal, String action, String resource,
                                        SourcedPolicy resourcePolicy, Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = new HashMap<>(contextKeys(principal));
        keys.putAll(requestKeys);
        PolicySet set = PolicySet.identityOnly(List.of(ALLOW_ALL)).withResource(List.of(resourcePolicy), true);
        return engine.evaluate(set, RequestContext.of(principal.requester(), action, resource, keys)).allowed();
    }

    private static final SourcedPolicy ALLOW_ALL = new SourcedPolicy("AllowAll", PolicySourceType.NONE, Policy.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            PolicyGrammar.IDENTITY));

    /** The role's policies, boundary and the session policies, as the engine groups them. */
    public PolicySet policySet(SessionFacts session) {
        RolePermissions permissions = iam.permissions(session.roleArn());
        PolicySet set = PolicySet.identityOnly(permissions.identityPolicies().stream().map(this::sourced).toList());
        if (permissions.boundary().isPresent()) {
            set = set.withBoundary(List.of(sourced(permissions.boundary().get())));
        }
        if (session.sessionPolicy().isPresent() || !session.sessionPolicyArns().isEmpty()
                || session.principalType() == PrincipalType.FEDERATED_USER) {
            List<SourcedPolicy> sessionPolicies = new ArrayList<>();
            session.sessionPolicy().ifPresent(document -> sessionPolicies.add(
                    new SourcedPolicy("SessionPolicy", PolicySourceType.NONE, policies.parse(document))));
            for (String arn : session.sessionPolicyArns()) {
                iam.managedPolicy(arn).ifPresent(p -> sessionPolicies.add(sourced(p)));
            }
            set = set.withSession(sessionPolicies);
        }
        return set;
    }

    /** The global condition keys of a request made by this session. */
    public Map<String, List<String>> contextKeys(SessionFacts session) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : principalTags(session).entrySet()) {
            keys.put("aws:PrincipalTag/" + tag.getKey(), List.of(tag.getValue()));
        }
        keys.put("aws:PrincipalArn", List.of(session.principalArn()));
        keys.put("aws:PrincipalAccount", List.of(session.accountId()));
        keys.put("aws:PrincipalType", List.of(session.principalType().value()));
        keys.put("aws:userid", List.of(session.userId()));
        if (session.principalType() == PrincipalType.USER) {
            keys.put("aws:username", List.of(session.roleArn().substring(session.roleArn().lastIndexOf('/') + 1)));
        }
        session.sourceIdentity().ifPresent(id -> keys.put("aws:SourceIdentity", List.of(id)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (session.temporary() || session.mfaAuthenticatedAt().isPresent()) {
            keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(session.mfaAuthenticatedAt().isPresent())));
        }
        session.mfaAuthenticatedAt().ifPresent(at -> keys.put("aws:MultiFactorAuthAge",
                List.of(Long.toString(Math.max(0, now.getEpochSecond() - at.getEpochSecond())))));
        keys.put("aws:CurrentTime", List.of(now.toString()));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SecureTransport", List.of("false"));
        keys.put("aws:RequestedRegion", List.of("us-east-1"));
        return keys;
    }

    /** The role's (user's) tags, overridden by session tags of the same key (ignoring case, as tag keys compare). */
    public Map<String, String> principalTags(SessionFacts session) {
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<IamRole> role = iam.role(session.roleArn());
        role.ifPresent(r -> r.tags().forEach(tags::put));
        iam.user(session.roleArn()).ifPresent(u -> u.tags().forEach(tags::put));
        session.sessionTags().forEach((key, value) -> {
            tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            tags.put(key, value);
        });
        return tags;
    }

    private SourcedPolicy sourced(PermissionPolicy policy) {
        return policies.sourced(policy);
    }
}
