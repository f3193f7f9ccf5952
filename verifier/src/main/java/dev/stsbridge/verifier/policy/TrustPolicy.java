package dev.stsbridge.verifier.policy;

import java.util.List;

/** A parsed, valid trust policy. Evaluation: an applicable Deny wins, then an applicable Allow, else deny. */
public final class TrustPolicy {
    /** The outcome of an evaluation. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private final List<Statement> statements;

    TrustPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public Decision evaluate(RequestContext context) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.applies(context)) {
                if (!statement.allow()) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }
}
