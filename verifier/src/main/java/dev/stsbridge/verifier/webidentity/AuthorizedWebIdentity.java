package dev.stsbridge.verifier.webidentity;

import dev.stsbridge.verifier.iam.IamRole;

/**
 * Step "authorise" done: a role whose trust policy lets these validated claims assume it under this session name
 * (with session tags and SourceIdentity when the token carries them). Only {@link WebIdentityAuthorizer} makes one.
 */
public final class AuthorizedWebIdentity {
    private final IamRole role;
    private final ValidatedToken claims;
    private final String roleSessionName;

    AuthorizedWebIdentity(IamRole role, ValidatedToken claims, String roleSessionName) {
        this.role = role;
        this.claims = claims;
        this.roleSessionName = roleSessionName;
    }

    public IamRole role() { return role; }

    public ValidatedToken claims() { return claims; }

    public String roleSessionName() { return roleSessionName; }

    /** {@code arn:aws:sts::<account>:assumed-role/<RoleName>/<RoleSessionName>}. */
    public String assumedRoleArn() {
        return "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + roleSessionName;
    }

    /** {@code <RoleId>:<RoleSessionName>}. */
    public String assumedRoleId() {
        return role.roleId() + ":" + roleSessionName;
    }
}
