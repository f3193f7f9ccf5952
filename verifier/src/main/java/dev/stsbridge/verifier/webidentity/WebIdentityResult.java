package dev.stsbridge.verifier.webidentity;

import java.util.Objects;

import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/**
 * The {@code AssumeRoleWithWebIdentityResult}: credentials, the session, {@code SubjectFromWebIdentityToken}
 * ({@code sub}), {@code Provider} (the token's {@code iss}), {@code Audience} (the audience that matched) and the
 * packed size of session policies and tags (written when any was passed).
 */
public record WebIdentityResult(TemporaryCredentials credentials, SessionGrant grant, int packedPolicySize,
                                boolean policiesOrTagsPassed, String subject, String provider, String audience) {
    public WebIdentityResult {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(audience, "audience");
    }
}
