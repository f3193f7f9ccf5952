package dev.stsbridge.idp.config;

import java.util.List;

/**
 * The second factor ({@code mfa}): who must pass one ({@code required}: {@code none}, the default, {@code everyone}
 * or {@code groups}, then the group DNs in {@code groups}), and which factors people may enroll and use
 * ({@code totp}, {@code passkeys}; both {@code true} by default). A role rule's {@code require-mfa} asks for MFA
 * whenever that role is used, whatever {@code required} says.
 */
public record MfaConfig(MfaRequirement required, List<String> groups, Boolean totp, Boolean passkeys) {

    public MfaConfig {
        required = ConfigChecks.orDefault(required, MfaRequirement.NONE);
        groups = ConfigChecks.listOrEmpty(groups, "groups");
        for (int i = 0; i < groups.size(); i++) {
            ConfigChecks.distinguishedName(groups.get(i), "groups[" + i + "]");
        }
        totp = ConfigChecks.orDefault(totp, Boolean.TRUE);
        passkeys = ConfigChecks.orDefault(passkeys, Boolean.TRUE);
        if (required == MfaRequirement.GROUPS && groups.isEmpty()) {
            throw new InvalidConfigValueException("groups", "is required (at least one group DN) when required "
                    + "is groups");
        }
        if (required != MfaRequirement.GROUPS && !groups.isEmpty()) {
            throw new InvalidConfigValueException("groups", "is only read when required is groups (required is "
                    + required.key() + ")");
        }
    }

    /** No MFA required; TOTP and passkeys may be enrolled. */
    public static MfaConfig defaults() {
        return new MfaConfig(null, null, null, null);
    }

    /** Whether any factor is enabled (else MFA can never be satisfied). */
    public boolean anyFactor() {
        return totp || passkeys;
    }
}
