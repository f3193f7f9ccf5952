package dev.stsbridge.verifier.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine needs to know of a principal to evaluate its requests: a role session, a federated user, an IAM
 * user or an account's root user (taken from the STS session grant, or from the IAM user of a long-term key).
 *
 * @param accountId the principal's account
 * @param roleArn the assumed role; for a federated user or a session token the IAM user (or root) behind it; for
 *                an IAM user its own ARN (whose policies apply)
 * @param sessionArn the caller's ARN: {@code arn:aws:sts::<account>:assumed-role/<role>/<session name>}, the
 *                   federated user's, or the user's
 * @param userId {@code aws:userid}: {@code <role id>:<session name>}, {@code <account>:<name>}, {@code AIDA...}
 * @param sessionTags the session tags, which override the role's (user's) tags of the same key as
 *                    {@code aws:PrincipalTag/*}
 * @param sourceIdentity the session's SourceIdentity, if any
 * @param sessionPolicy the inline session policy, if the session was given one
 * @param sessionPolicyArns managed session policies
 * @param principalType what the principal is ({@code aws:PrincipalType})
 * @param temporary whether the request is signed with temporary credentials (then {@code aws:MultiFactorAuthPresent}
 *                  is always present)
 * @param mfaAuthenticatedAt when the principal authenticated with MFA, if it did
 */
public record SessionFacts(String accountId, String roleArn, String sessionArn, String userId,
                           Map<String, String> sessionTags, Optional<String> sourceIdentity,
                           Optional<String> sessionPolicy, List<String> sessionPolicyArns,
                           PrincipalType principalType, boolean temporary, Optional<Instant> mfaAuthenticatedAt) {
    public SessionFacts {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(sessionArn, "sessionArn");
        Objects.requireNonNull(userId, "userId");
        sessionTags = Map.copyOf(sessionTags);
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        Objects.requireNonNull(sessionPolicy, "sessionPolicy");
        sessionPolicyArns = List.copyOf(sessionPolicyArns);
        Objects.requireNonNull(principalType, "principalType");
        Objects.requireNonNull(mfaAuthenticatedAt, "mfaAuthenticatedAt");
    }

    /** A role session without MFA. */
    public SessionFacts(String accountId, String roleArn, String sessionArn, String userId,
                        Map<String, String> sessionTags, Optional<String> sourceIdentity,
                        Optional<String> sessionPolicy, List<String> sessionPolicyArns) {
        this(accountId, roleArn, sessionArn, userId, sessionTags, sourceIdentity, sessionPolicy, sessionPolicyArns,
                PrincipalType.ASSUMED_ROLE, true, Optional.empty());
    }

    /** An IAM user signing with a long-term access key. */
    public static SessionFacts iamUser(String accountId, String userArn, String userId) {
        return new SessionFacts(accountId, userArn, userArn, userId, Map.of(), Optional.empty(), Optional.empty(),
                List.of(), PrincipalType.USER, false, Optional.empty());
    }

    /** Who the policy engine sees making the request. */
    public Requester requester() {
        return switch (principalType) {
            case ASSUMED_ROLE -> Requester.roleSession(sessionArn, roleArn, accountId);
            case ACCOUNT -> Requester.accountRoot(accountId);
            case USER, FEDERATED_USER -> Requester.user(sessionArn, accountId);
        };
    }

    /** {@code aws:PrincipalArn}: the role of a role session, otherwise the caller's own ARN. */
    public String principalArn() {
        return principalType == PrincipalType.ASSUMED_ROLE ? roleArn : sessionArn;
    }
}
