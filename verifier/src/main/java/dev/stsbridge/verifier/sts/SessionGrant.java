package dev.stsbridge.verifier.sts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What STS grants: the session that the issued credentials stand for, kept with the credentials so that
 * {@code GetCallerIdentity}, the permission checks and the console page can use it. For a role session
 * ({@code AssumeRole*}) the fields are what their names say; for {@code GetFederationToken} {@code roleArn} is the IAM
 * user whose permissions the session is limited by and {@code assumedRoleArn} / {@code assumedRoleId} are the
 * federated user's ARN ({@code arn:aws:sts::<account>:federated-user/<name>}) and ID ({@code <account>:<name>}); for
 * {@code GetSessionToken} all three name the IAM user (ARN, ARN, {@code AIDA...} ID) or the root user (root ARN twice,
 * account ID).
 *
 * @param accountId the role's account
 * @param roleArn the assumed role (or the IAM user / root behind a federated user or session token)
 * @param assumedRoleArn {@code arn:aws:sts::<account>:assumed-role/<role>/<session name>} (the caller's ARN)
 * @param assumedRoleId {@code <role id>:<session name>} (the caller's {@code UserId})
 * @param expiration when the credentials expire
 * @param sessionTags the session tags (PrincipalTag), keys as sent
 * @param transitiveTagKeys the transitive tag keys
 * @param sourceIdentity the SourceIdentity, if sent
 * @param sessionPolicy the inline session policy ({@code Policy}), if passed
 * @param sessionPolicyArns the managed session policies ({@code PolicyArns}), if passed
 * @param origin how the credentials were obtained
 * @param mfaAuthenticatedAt when the session's holder last authenticated with MFA (SerialNumber + TokenCode, or
 *                           inherited from the credentials that called STS), if ever
 */
public record SessionGrant(String accountId, String roleArn, String assumedRoleArn, String assumedRoleId,
                           Instant expiration, Map<String, String> sessionTags, List<String> transitiveTagKeys,
                           Optional<String> sourceIdentity, Optional<String> sessionPolicy,
                           List<String> sessionPolicyArns, SessionOrigin origin, Optional<Instant> mfaAuthenticatedAt) {
    /** A session without MFA. */
    public SessionGrant(String accountId, String roleArn, String assumedRoleArn, String assumedRoleId,
                        Instant expiration, Map<String, String> sessionTags, List<String> transitiveTagKeys,
                        Optional<String> sourceIdentity, Optional<String> sessionPolicy,
                        List<String> sessionPolicyArns, SessionOrigin origin) {
        this(accountId, roleArn, assumedRoleArn, assumedRoleId, expiration, sessionTags, transitiveTagKeys,
                sourceIdentity, sessionPolicy, sessionPolicyArns, origin, Optional.empty());
    }

    /** An AssumeRoleWithSAML session. */
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
                transitiveTagKeys, sourceIdentity, sessionPolicy, sessionPolicyArns, value, mfaAuthenticatedAt);
    }

    /** What the policy engine needs of this session. */
    public dev.stsbridge.verifier.policy.SessionFacts facts() {
        return new dev.stsbridge.verifier.policy.SessionFacts(accountId, roleArn, assumedRoleArn, assumedRoleId,
                sessionTags, sourceIdentity, sessionPolicy, sessionPolicyArns, principalType(), true,
                mfaAuthenticatedAt);
    }

    /** What the session stands for, as {@code aws:PrincipalType} names it. */
    public dev.stsbridge.verifier.policy.PrincipalType principalType() {
        if (origin.roleSession()) {
            return dev.stsbridge.verifier.policy.PrincipalType.ASSUMED_ROLE;
        }
        if (origin == SessionOrigin.GET_FEDERATION_TOKEN) {
            return dev.stsbridge.verifier.policy.PrincipalType.FEDERATED_USER;
        }
        return roleArn.endsWith(":root") ? dev.stsbridge.verifier.policy.PrincipalType.ACCOUNT
                : dev.stsbridge.verifier.policy.PrincipalType.USER;
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
        Objects.requireNonNull(mfaAuthenticatedAt, "mfaAuthenticatedAt");
        sessionTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sessionTags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }
}
