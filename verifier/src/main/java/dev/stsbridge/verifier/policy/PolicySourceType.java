package dev.stsbridge.verifier.policy;

/** Where a policy comes from, as the simulator's {@code SourcePolicyType} names it. */
public enum PolicySourceType {
    USER("user"), GROUP("group"), ROLE("role"), AWS_MANAGED("aws-managed"), USER_MANAGED("user-managed"),
    RESOURCE("resource"), NONE("none");

    private final String wireName;

    PolicySourceType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire: {@code user | group | role | aws-managed | user-managed | resource | none}. */
    public String wireName() {
        return wireName;
    }
}
