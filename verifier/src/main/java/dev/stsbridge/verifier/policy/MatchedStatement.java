package dev.stsbridge.verifier.policy;

import java.util.Objects;

/**
 * A statement that decided an evaluation, with the policy it is in and the role that policy played.
 *
 * @param role which group of the {@link PolicySet} the policy was in
 */
public record MatchedStatement(SourcedPolicy source, Statement statement, PolicyRole role) {
    /** The part a policy plays in an evaluation, named as AWS's AccessDenied messages name it. */
    public enum PolicyRole {
        IDENTITY("identity-based policy"), RESOURCE("resource-based policy"), BOUNDARY("permissions boundary"),
        SESSION("session policy");

        private final String described;

        PolicyRole(String described) {
            this.described = described;
        }

        /** {@code identity-based policy}, {@code resource-based policy}, {@code permissions boundary}, {@code session policy}. */
        public String described() {
            return described;
        }
    }

    public MatchedStatement {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(role, "role");
    }
}
