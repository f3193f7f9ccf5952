package dev.stsbridge.idp.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Members of directory {@code group} (a DN; compared as DNs, ignoring case and spacing) may assume IAM role
 * {@code role} (a name, optionally with a path: {@code engineering/Admin}) in {@code account} (an account's id
 * or name), for at most {@code session-duration} (default: {@code aws.session-duration}). With
 * {@code require-mfa: true} (default false) an assertion carrying this role is signed only after a second factor.
 */
public record RoleRule(String group, String account, String role, Optional<Duration> sessionDuration,
                       Boolean requireMfa) {

    /** IAM role names; a path is {@code segment/} repeated before the name. */
    public static final Pattern ROLE = Pattern.compile("([\\w+=,.@-]{1,512}/)*[\\w+=,.@-]{1,64}");

    public RoleRule {
        group = ConfigChecks.distinguishedName(group, "group");
        account = ConfigChecks.requiredText(account, "account");
        role = ConfigChecks.requiredText(role, "role");
        if (!ROLE.matcher(role).matches()) {
            throw new InvalidConfigValueException("role", "must be an IAM role name ([\\w+=,.@-]{1,64}, optionally "
                    + "after a path/), was " + ConfigChecks.quote(role));
        }
        sessionDuration = ConfigChecks.optional(sessionDuration)
                .map(d -> AwsConfig.checkSessionDuration(d, "session-duration"));
        requireMfa = ConfigChecks.orDefault(requireMfa, Boolean.FALSE);
    }

    /** A rule without {@code require-mfa}. */
    public RoleRule(String group, String account, String role, Optional<Duration> sessionDuration) {
        this(group, account, role, sessionDuration, null);
    }
}
