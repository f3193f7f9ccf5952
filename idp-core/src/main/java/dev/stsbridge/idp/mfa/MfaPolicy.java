package dev.stsbridge.idp.mfa;

import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.config.AwsAccount;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.config.MfaConfig;
import dev.stsbridge.idp.config.MfaRequirement;
import dev.stsbridge.idp.config.RoleRule;
import dev.stsbridge.idp.directory.DirectoryUser;

/**
 * Who must pass a second factor, from {@code mfa} and the role rules' {@code require-mfa}: everyone, members of
 * {@code mfa.groups}, anyone who enrolled a factor (decided by the caller, which reads the enrollment), and anyone
 * using a role that a {@code require-mfa} rule grants them (a role granted by several rules needs MFA if any of
 * them says so; the "all roles" choice needs MFA if any of the person's roles does).
 */
public final class MfaPolicy {

    private final MfaConfig mfa;
    private final AwsConfig aws;

    public MfaPolicy(MfaConfig mfa, AwsConfig aws) {
        this.mfa = Objects.requireNonNull(mfa, "mfa");
        this.aws = Objects.requireNonNull(aws, "aws");
    }

    /** Whether {@code mfa.required} asks this person for a second factor at every login. */
    public boolean requiredFor(DirectoryUser user) {
        return mfa.required() == MfaRequirement.EVERYONE
                || mfa.required() == MfaRequirement.GROUPS && mfa.groups().stream().anyMatch(user::isMemberOf);
    }

    /**
     * Whether an assertion with this role (account ID or name, and role name), or with all the person's roles
     * when both are empty, needs MFA.
     */
    public boolean roleRequiresMfa(DirectoryUser user, Optional<String> account, Optional<String> role) {
        Optional<String> accountId = account.map(a -> aws.account(a).map(AwsAccount::id).orElse(a));
        return aws.roles().stream()
                .filter(RoleRule::requireMfa)
                .filter(rule -> user.isMemberOf(rule.group()))
                .anyMatch(rule -> role.isEmpty() || rule.role().equals(role.get())
                        && aws.account(rule.account()).map(AwsAccount::id).equals(accountId));
    }

    public boolean totpEnabled() {
        return mfa.totp();
    }

    public boolean passkeysEnabled() {
        return mfa.passkeys();
    }

    /** Whether MFA can be done at all (some factor is enabled). */
    public boolean available() {
        return mfa.anyFactor();
    }
}
