package dev.stsbridge.verifier.policy;

import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.saml.validation.RolePair;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;

/**
 * Step "authorise" done: a role whose trust policy allows these claims to assume it (with session tags and
 * SourceIdentity when passed). Only {@link RoleAuthorizer} makes one.
 */
public final class AuthorizedRole {
    private final IamRole role;
    private final RolePair pair;
    private final ValidatedClaims claims;

    AuthorizedRole(IamRole role, RolePair pair, ValidatedClaims claims) {
        this.role = role;
        this.pair = pair;
        this.claims = claims;
    }

    public IamRole role() { return role; }

    public RolePair pair() { return pair; }

    public ValidatedClaims claims() { return claims; }

    /** {@code arn:aws:sts::<account>:assumed-role/<RoleName>/<RoleSessionName>} (same partition as the role). */
    public String assumedRoleArn() {
        String partition = role.arn().split(":")[1];
        return "arn:" + partition + ":sts::" + role.accountId() + ":assumed-role/" + role.name() + "/"
                + claims.roleSessionName();
    }

    /** {@code <RoleId>:<RoleSessionName>}. */
    public String assumedRoleId() {
        return role.roleId() + ":" + claims.roleSessionName();
    }
}
