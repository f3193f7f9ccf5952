package dev.stsbridge.verifier.policy;

/** What makes a request, as the global condition key {@code aws:PrincipalType} names it. */
public enum PrincipalType {
    /** The account's root user. */
    ACCOUNT("Account"),
    /** An IAM user (long-term keys, or GetSessionToken credentials). */
    USER("User"),
    /** A federated user (GetFederationToken). */
    FEDERATED_USER("FederatedUser"),
    /** A role session (AssumeRole, AssumeRoleWithSAML). */
    ASSUMED_ROLE("AssumedRole");

    private final String value;

    PrincipalType(String value) {
        this.value = value;
    }

    /** The value of {@code aws:PrincipalType}. */
    public String value() {
        return value;
    }
}
