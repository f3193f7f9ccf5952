package dev.stsbridge.verifier.auth;

/**
 * Decides whether a role session may call an action on a resource (the policy engine, wired by the application);
 * refuses with AWS's {@code AccessDenied}.
 */
@FunctionalInterface
public interface SessionAuthorizer {

    /** Refuses every call: what a session may do is unknown. */
    SessionAuthorizer DENY_ALL = (session, action, resource) -> {
        throw dev.stsbridge.verifier.AwsError.accessDenied("User: " + session.arn() + " is not authorized to perform: "
                + action + " on resource: " + resource + " because no identity-based policy allows the " + action
                + " action").exception();
    };

    /**
     * @param action the full action name, {@code iam:GetRole}
     * @throws dev.stsbridge.verifier.AwsException {@code AccessDenied} when the session may not
     */
    void authorize(Caller.RoleSession session, String action, String resource);
}
