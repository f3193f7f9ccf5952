package dev.stsbridge.verifier.auth;

/**
 * Decides whether an IAM user may call an action on a resource (the policy engine, wired by the application);
 * refuses with AWS's {@code AccessDenied}.
 */
@FunctionalInterface
public interface UserAuthorizer {

    /** Refuses every call. */
    UserAuthorizer DENY_ALL = (user, action, resource) -> {
        throw dev.stsbridge.verifier.AwsError.accessDenied("User: " + user.arn() + " is not authorized to perform: "
                + action + " on resource: " + resource + " because no identity-based policy allows the " + action
                + " action").exception();
    };

    /**
     * @param action the full action name, {@code iam:GetRole}
     * @throws dev.stsbridge.verifier.AwsException {@code AccessDenied} when the user may not
     */
    void authorize(Caller.IamUser user, String action, String resource);
}
