package dev.stsbridge.verifier.api;

import java.util.Map;
import java.util.Objects;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.policy.Evaluation;
import dev.stsbridge.verifier.policy.SessionPermissions;

/**
 * Whether a role session may call an IAM action: its role's policies, boundary and session policies, evaluated by
 * the policy engine. A refusal is AWS's {@code AccessDenied}: "User: <session ARN> is not authorized to perform:
 * iam:<Action> on resource: <ARN> because no identity-based policy allows the iam:<Action> action" (or "with an
 * explicit deny in a session policy", "because no permissions boundary allows ...").
 */
final class RoleSessionAccess {
    private final SessionPermissions permissions;

    RoleSessionAccess(SessionPermissions permissions) {
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    void check(Caller.RoleSession caller, String action, String resource) {
        String iamAction = "iam:" + action;
        Evaluation evaluation = permissions.evaluate(caller.session().grant().facts(), iamAction, resource, Map.of());
        evaluation.refusalReason(iamAction).ifPresent(reason -> {
            throw AwsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + iamAction
                    + " on resource: " + resource + " " + reason).exception();
        });
    }
}
