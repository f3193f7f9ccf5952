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
 * What a role session may do: its role's identity-based policies, the role's permissions boundary and the
 * session's own session policies, evaluated by the {@link PolicyEngine} with the request context AWS builds for a
 * role session ({@code aws:PrincipalTag/*} from the role's tags overridden by the session tags,
 * {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:userid},
 * {@code aws:SourceIdentity}, {@code aws:CurrentTime}, {@code aws:EpochTime}, {@code aws:SecureTransport},
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
        Requester requester = Requester.roleSession(session.sessionArn(), session.roleArn(), session.accountId());
        return engine.evaluate(policySet(session), RequestContext.of(requester, action, resource, keys));
    }

    /** The role's policies, boundary and the session policies, as the engine groups them. */
    public PolicySet policySet(SessionFacts session) {
        RolePermissions permissions = iam.permissions(session.roleArn());
        PolicySet set = PolicySet.identityOnly(permissions.identityPolicies().stream().map(this::sourced).toList());
        if (permissions.boundary().isPresent()) {
            set = set.withBoundary(List.of(sourced(permissions.boundary().get())));
        }
        if (session.sessionPolicy().isPresent() || !session.sessionPolicyArns().isEmpty()) {
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
        keys.put("aws:PrincipalArn", List.of(session.roleArn()));
        keys.put("aws:PrincipalAccount", List.of(session.accountId()));
        keys.put("aws:PrincipalType", List.of("AssumedRole"));
        keys.put("aws:userid", List.of(session.userId()));
        session.sourceIdentity().ifPresent(id -> keys.put("aws:SourceIdentity", List.of(id)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        keys.put("aws:CurrentTime", List.of(now.toString()));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SecureTransport", List.of("false"));
        keys.put("aws:RequestedRegion", List.of("us-east-1"));
        return keys;
    }

    /** The role's tags, overridden by session tags of the same key (ignoring case, as tag keys compare). */
    public Map<String, String> principalTags(SessionFacts session) {
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<IamRole> role = iam.role(session.roleArn());
        role.ifPresent(r -> r.tags().forEach(tags::put));
        session.sessionTags().forEach((key, value) -> {
            tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            tags.put(key, value);
        });
        return tags;
    }

    private SourcedPolicy sourced(PermissionPolicy policy) {
        PolicySourceType type = switch (policy.kind()) {
            case INLINE -> PolicySourceType.ROLE;
            case CUSTOMER_MANAGED -> PolicySourceType.USER_MANAGED;
            case AWS_MANAGED -> PolicySourceType.AWS_MANAGED;
        };
        return new SourcedPolicy(policy.id(), type, policies.parse(policy.document()));
    }
}
