package dev.stsbridge.idp.config;

import java.util.Optional;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * Group membership: {@code mode} ({@code search} or {@code member-of}), the group search's {@code base-dn}
 * (default: the directory's) and {@code filter} ({@code {dn}} is the person's DN, {@code {0}} the login name;
 * both are escaped), and {@code nested-depth}: how many levels of groups-in-groups to follow (0 = direct
 * membership only; at most 10).
 */
public record GroupsConfig(GroupMode mode, Optional<String> baseDn, String filter, Integer nestedDepth) {

    public static final String DEFAULT_FILTER = "(&(objectClass=groupOfNames)(member={dn}))";
    public static final int MAX_NESTED_DEPTH = 10;

    public GroupsConfig {
        mode = ConfigChecks.orDefault(mode, GroupMode.SEARCH);
        baseDn = ConfigChecks.optional(baseDn).map(dn -> ConfigChecks.distinguishedName(dn, "base-dn"));
        filter = filterTemplate(ConfigChecks.orDefault(filter, DEFAULT_FILTER), "filter", "{dn}");
        nestedDepth = ConfigChecks.orDefault(nestedDepth, 0);
        if (nestedDepth < 0 || nestedDepth > MAX_NESTED_DEPTH) {
            throw new InvalidConfigValueException("nested-depth", "must be between 0 and " + MAX_NESTED_DEPTH
                    + ", was " + nestedDepth);
        }
    }

    public static GroupsConfig defaults() {
        return new GroupsConfig(null, Optional.empty(), null, null);
    }

    /** Checks that a filter template parses as an LDAP filter and uses its placeholder. */
    static String filterTemplate(String template, String key, String placeholder) {
        String t = ConfigChecks.requiredText(template, key);
        if (!t.contains(placeholder)) {
            throw new InvalidConfigValueException(key, "must contain " + placeholder + ", was " + ConfigChecks.quote(t));
        }
        try {
            Filter.create(t.replace("{dn}", "x").replace("{0}", "x"));
        } catch (LDAPException e) {
            throw new InvalidConfigValueException(key, "is not an LDAP filter (" + e.getMessage() + "), was "
                    + ConfigChecks.quote(t));
        }
        return t;
    }
}
