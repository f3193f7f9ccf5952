package dev.stsbridge.idp.claims;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything AWS will read from one assertion for one user (see ../shared/AWS-SAML.md §3). Produced by the
 * claims resolver, checked by the pre-flight check, turned into SAML attributes by the assertion factory.
 *
 * @param username who these claims are for (for messages and the audit log; not sent)
 * @param roles the role pairs, in a stable order (one AttributeValue each)
 * @param roleSessionName the RoleSessionName attribute
 * @param sessionDurationSeconds the SessionDuration attribute, if any
 * @param sourceIdentity the SourceIdentity attribute, if any
 * @param tags session tags (PrincipalTag:*), in a stable order
 * @param transitiveTagKeys the TransitiveTagKeys attribute values
 */
public record AwsClaims(String username, List<AwsRolePair> roles, String roleSessionName,
                        Optional<Integer> sessionDurationSeconds, Optional<String> sourceIdentity,
                        List<SessionTag> tags, List<String> transitiveTagKeys) {
    public AwsClaims {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(sessionDurationSeconds, "sessionDurationSeconds");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        roles = List.copyOf(roles);
        tags = List.copyOf(tags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    /** The same claims narrowed to one role pair (IdP-initiated sign-in to one role, no AWS role picker). */
    public AwsClaims withOnly(AwsRolePair role) {
        if (!roles.contains(role)) {
            throw new IllegalArgumentException(username + " may not use " + role.roleArn());
        }
        return new AwsClaims(username, List.of(role), roleSessionName, sessionDurationSeconds, sourceIdentity,
                tags, transitiveTagKeys);
    }
}
