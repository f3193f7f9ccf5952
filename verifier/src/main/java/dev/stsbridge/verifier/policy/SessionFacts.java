package dev.stsbridge.verifier.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine needs to know of a role session to evaluate its requests (taken from the STS session grant).
 *
 * @param accountId the role's account
 * @param roleArn the assumed role
 * @param sessionArn {@code arn:aws:sts::<account>:assumed-role/<role>/<session name>}
 * @param userId {@code <role id>:<session name>} ({@code aws:userid})
 * @param sessionTags the session tags, which override the role's tags of the same key as {@code aws:PrincipalTag/*}
 * @param sourceIdentity the session's SourceIdentity, if any
 * @param sessionPolicy the inline session policy, if the session was given one
 * @param sessionPolicyArns managed session policies
 */
public record SessionFacts(String accountId, String roleArn, String sessionArn, String userId,
                           Map<String, String> sessionTags, Optional<String> sourceIdentity,
                           Optional<String> sessionPolicy, List<String> sessionPolicyArns) {
    public SessionFacts {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(sessionArn, "sessionArn");
        Objects.requireNonNull(userId, "userId");
        sessionTags = Map.copyOf(sessionTags);
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        Objects.requireNonNull(sessionPolicy, "sessionPolicy");
        sessionPolicyArns = List.copyOf(sessionPolicyArns);
    }
}
