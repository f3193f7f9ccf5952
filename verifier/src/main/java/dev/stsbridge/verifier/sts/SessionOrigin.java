package dev.stsbridge.verifier.sts;

/**
 * How a role session's credentials were obtained, as far as AWS's rules depend on it. This verifier issues only
 * {@link #ASSUME_ROLE_WITH_SAML} sessions; the other two are the cases for which AWS documents a different rule at
 * the console federation endpoint ({@code SessionDuration} refused), kept so that the rule is stated where it applies.
 */
public enum SessionOrigin {
    /** {@code AssumeRoleWithSAML}: called without AWS credentials, so never role chaining. */
    ASSUME_ROLE_WITH_SAML,
    /** {@code AssumeRole} called with a role session's credentials (role chaining). */
    ROLE_CHAINING,
    /** {@code GetFederationToken}. */
    GET_FEDERATION_TOKEN;

    /**
     * Whether the federation endpoint's {@code getSigninToken} accepts {@code SessionDuration} for these credentials:
     * AWS refuses it for role-chained ("Invalid credentials parameter") and GetFederationToken credentials.
     */
    public boolean acceptsConsoleSessionDuration() {
        return this == ASSUME_ROLE_WITH_SAML;
    }
}
