package dev.stsbridge.verifier.sts;

/**
 * How temporary credentials were obtained, as far as AWS's rules depend on it: what the session stands for (a role
 * session, a federated user, the IAM user or root itself) and whether the console federation endpoint takes
 * {@code SessionDuration} for it.
 */
public enum SessionOrigin {
    /** {@code AssumeRoleWithSAML}: called without AWS credentials, so never role chaining. */
    ASSUME_ROLE_WITH_SAML,
    /** {@code AssumeRoleWithWebIdentity} (and Cognito's GetCredentialsForIdentity): called without AWS credentials. */
    ASSUME_ROLE_WITH_WEB_IDENTITY,
    /** {@code AssumeRole} called with a role session's credentials (role chaining). */
    ROLE_CHAINING,
    /** {@code GetFederationToken}. */
    GET_FEDERATION_TOKEN,
    /** {@code AssumeRole} called with an IAM user's (or root's) credentials, or the instance metadata service. */
    ASSUME_ROLE,
    /** {@code GetSessionToken}: the IAM user (or root) itself, with temporary credentials. */
    GET_SESSION_TOKEN;

    /** Whether the credentials stand for a role session ({@code AssumeRole*}). */
    public boolean roleSession() {
        return this == ASSUME_ROLE_WITH_SAML || this == ASSUME_ROLE_WITH_WEB_IDENTITY || this == ROLE_CHAINING
                || this == ASSUME_ROLE;
    }

    /**
     * Whether the federation endpoint's {@code getSigninToken} accepts {@code SessionDuration} for these credentials:
     * AWS refuses it for role-chained ("Invalid credentials parameter") and GetFederationToken credentials.
     */
    public boolean acceptsConsoleSessionDuration() {
        return this == ASSUME_ROLE_WITH_SAML || this == ASSUME_ROLE_WITH_WEB_IDENTITY || this == ASSUME_ROLE;
    }
}
