package dev.stsbridge.verifier.sts;

import java.util.Objects;

/**
 * What AssumeRole, GetFederationToken and GetSessionToken answer: the credentials, the session they stand for, and the
 * packed size of session policies and tags (percent; 0 when none were passed).
 */
public record IssuedCredentials(TemporaryCredentials credentials, SessionGrant grant, int packedPolicySize,
                                boolean sessionPoliciesOrTagsPassed) {
    public IssuedCredentials {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(grant, "grant");
    }
}
