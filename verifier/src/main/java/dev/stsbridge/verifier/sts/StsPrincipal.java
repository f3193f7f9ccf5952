package dev.stsbridge.verifier.sts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.policy.PrincipalType;
import dev.stsbridge.verifier.policy.SessionFacts;

/**
 * Who calls an STS action, as STS's rules need it: the principal the policy engine evaluates, and, for temporary
 * credentials, the session they stand for (whose transitive tags, SourceIdentity and MFA a chain carries on).
 *
 * @param arn the caller's ARN (AccessDenied messages)
 * @param facts the principal, for the policy engine
 * @param session the session of temporary credentials; empty for long-term keys
 */
public record StsPrincipal(String arn, SessionFacts facts, Optional<SessionGrant> session) {
    public StsPrincipal {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(session, "session");
    }

    /** @throws IllegalArgumentException for an anonymous caller (STS's signed actions never have one) */
    public static StsPrincipal of(Caller caller) {
        if (caller instanceof Caller.RoleSession s) {
            return new StsPrincipal(s.arn(), s.session().grant().facts(), Optional.of(s.session().grant()));
        }
        if (caller instanceof Caller.IamUser u) {
            return new StsPrincipal(u.arn(), u.facts(), Optional.empty());
        }
        if (caller instanceof Caller.AccountRoot r) {
            return new StsPrincipal(r.arn(), new SessionFacts(r.accountId(), r.arn(), r.arn(), r.accountId(), Map.of(),
                    Optional.empty(), Optional.empty(), List.of(), PrincipalType.ACCOUNT, false, Optional.empty()),
                    Optional.empty());
        }
        throw new IllegalArgumentException("an unsigned request has no principal");
    }

    public PrincipalType type() {
        return facts.principalType();
    }

    /** Whether the caller signs with temporary credentials (any STS session). */
    public boolean temporary() {
        return session.isPresent();
    }

    /** The same principal, authenticated with MFA at {@code at} (SerialNumber + TokenCode in this request). */
    public StsPrincipal withMfa(Instant at) {
        SessionFacts f = facts;
        return new StsPrincipal(arn, new SessionFacts(f.accountId(), f.roleArn(), f.sessionArn(), f.userId(),
                f.sessionTags(), f.sourceIdentity(), f.sessionPolicy(), f.sessionPolicyArns(), f.principalType(),
                f.temporary(), Optional.of(at)), session);
    }

    /** The IAM user's ARN behind the caller (its own, or that of its session token), if it is an IAM user. */
    public Optional<String> userArn() {
        return type() == PrincipalType.USER ? Optional.of(facts.roleArn()) : Optional.empty();
    }
}
