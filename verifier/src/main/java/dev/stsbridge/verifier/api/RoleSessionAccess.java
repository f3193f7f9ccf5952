package dev.stsbridge.verifier.api;

import java.util.Map;
import java.util.Objects;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.auth.SessionAuthorizer;
import dev.stsbridge.verifier.auth.UserAuthorizer;
import dev.stsbridge.verifier.policy.Evaluation;
import dev.stsbridge.verifier.policy.PrincipalType;
import dev.stsbridge.verifier.policy.SessionFacts;
import dev.stsbridge.verifier.policy.SessionPermissions;

/**
 * Whether a principal may call an action (IAM's, the simulator's, STS's): a role session (its role's policies,
 * boundary and session policies), an IAM user (its policies and boundary), a federated user or a session token,
 * evaluated by the policy engine; the root user (of a session token) may call anything. A refusal is AWS's
 * {@code AccessDenied}: "User: <caller ARN> is not authorized to perform: iam:<Action> on resource: <ARN> because no
 * identity-based policy allows the iam:<Action> action" (or "with an explicit deny in a session policy", "because no
 * permissions boundary allows ...").
 */
public final class RoleSessionAccess implements SessionAuthorizer, UserAuthorizer {
    private final SessionPermissions permissions;

    public RoleSessionAccess(SessionPermissions permissions) {
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    @Override
    public void authorize(Caller.RoleSession caller, String action, String resource) {
        SessionFacts facts = caller.session().grant().facts();
        if (facts.principalType() != PrincipalType.ACCOUNT) {
            require(facts, caller.arn(), action, resource);
        }
    }

    @Override
    public void authorize(Caller.IamUser caller, String action, String resource) {
        require(caller.facts(), caller.arn(), action, resource);
    }

    private void require(SessionFacts facts, String callerArn, String action, String resource) {
        Evaluation evaluation = permissions.evaluate(facts, action, resource, Map.of());
        evaluation.refusalReason(action).ifPresent(reason -> {
            throw AwsError.accessDenied("User: " + callerArn + " is not authorized to perform: " + action
                    + " on resource: " + resource + " " + reason).exception();
        });
    }
}
