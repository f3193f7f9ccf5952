package dev.stsbridge.verifier.sts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an authorised AssumeRoleWithSAML grants: the role session that the issued credentials stand for.
 * Kept with the credentials so that {@code GetCallerIdentity} and the console page can show it.
 *
 * @param accountId the role's account
 * @param roleArn the assumed role
 * @param assumedRoleArn {@code arn:aws:sts::<account>:assumed-role/<role>/<session name>}
 * @param assumedRoleId {@code <role id>:<session name>}
 * @param expiration when the credentials expire
 * @param sessionTags the session tags (PrincipalTag), keys as sent
 * @param transitiveTagKeys the transitive tag keys
 * @param sourceIdentity the SourceIdentity, if sent
 * @param sessionPolicy the inline session policy ({@code Policy}), if passed
 * @param sessionPolicyArns the managed session policies ({@code PolicyArns}), if passed
 * @param origin how the credentials were obtained
 */
public record SessionGrant(String accountId, String roleArn, String assumedRoleArn, String assumedRoleId,
                           Instant expiration, Map<String, String> sessionTags, List<String> transitiveTagKeys,
                           Optional<String> sourceIdentity, Optional<String> sessionPolicy,
                           List<String> sessionPolicyArns, SessionOrigin origin) {
    /** An AssumeRoleWithSAML session (the only kind this verifier issues). */
    public SessionGrant(String accountId, String roleArn, String assumedRoleArn, String assumedRoleId,
                        Instant expiration, Map<String, String> sessionTags, List<String> transitiveTagKeys,
                        Optional<String> sourceIdentity, Optional<String> sessionPolicy,
                        List<String> sessionPolicyArns) {
        this(accountId, roleArn, assumedRoleArn, assumedRoleId, expiration, sessionTags, transitiveTagKeys,
                sourceIdentity, sessionPolicy, sessionPolicyArns, SessionOrigin.ASSUME_ROLE_WITH_SAML);
    }

    /** An AssumeRoleWithSAML session without session policies. */
    public SessionGrant(String accountId, String roleArn, String assumedRoleArn, String assumedRoleId,
                        Instant expiration, Map<String, String> sessionTags, List<String> transitiveTagKeys,
                        Optional<String> sourceIdentity) {
        this(accountId, roleArn, assumedRoleArn, assumedRoleId, expiration, sessionTags, transitiveTagKeys,
                sourceIdentity, Optional.empty(), List.of());
    }

    /** The same session, obtained another way. */
    public SessionGrant withOrigin(SessionOrigin value) {
        return new SessionGrant(accountId, roleArn, assumedRoleArn, assumedRoleId, expiration, sessionTags,
                transitiveTagKeys, sourceIdentity, sessionPolicy, sessionPolicyArns, value);
    }

    /** What the policy engine needs of this session. */
    public dev.stsbridge.verifier.policy.SessionFacts facts() {
        return new dev.stsbridge.verifier.policy.SessionFacts(accountId, roleArn, assumedRoleArn, assumedRoleId,
                sessionTags, sourceIdentity, sessionPolicy, sessionPolicyArns);
    }

    /** Whether the session was given session policies (then they limit what it may do). */
    public boolean hasSessionPolicies() {
        return sessionPolicy.isPresent() || !sessionPolicyArns.isEmpty();
    }

    public SessionGrant {
        Objects.requireNonNull(sessionPolicy, "sessionPolicy");
        sessionPolicyArns = List.copyOf(sessionPolicyArns);
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(assumedRoleArn, "assumedRoleArn");
        Objects.requireNonNull(assumedRoleId, "assumedRoleId");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        Objects.requireNonNull(origin, "origin");
        sessionTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sessionTags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }
}
