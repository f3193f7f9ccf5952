package dev.stsbridge.idp.config;

import java.util.List;
import java.util.Optional;

/**
 * The directory: exactly one of {@code embedded} or {@code ldap}, plus how to find people in it:
 * {@code base-dn}, {@code user-filter} ({@code {0}} is the login name, escaped), {@code attributes} to read
 * (those the AWS settings use are added automatically), {@code immutable-id} (attribute, default
 * {@code entryUUID}; for Active Directory {@code objectGUID} with {@code immutable-id-format: guid}) and
 * {@code groups}.
 */
public record DirectoryConfig(Optional<EmbeddedDirectoryConfig> embedded, Optional<LdapServerConfig> ldap,
                              String baseDn, String userFilter, List<String> attributes, String immutableId,
                              ImmutableIdFormat immutableIdFormat, GroupsConfig groups) {

    public static final String DEFAULT_USER_FILTER = "(&(objectClass=inetOrgPerson)(uid={0}))";
    public static final String DEFAULT_IMMUTABLE_ID = "entryUUID";

    public DirectoryConfig {
        embedded = ConfigChecks.optional(embedded);
        ldap = ConfigChecks.optional(ldap);
        if (embedded.isPresent() == ldap.isPresent()) {
            throw new InvalidConfigValueException(embedded.isPresent() ? "ldap" : "",
                    "must set exactly one of embedded or ldap");
        }
        baseDn = ConfigChecks.distinguishedName(baseDn, "base-dn");
        userFilter = GroupsConfig.filterTemplate(ConfigChecks.orDefault(userFilter, DEFAULT_USER_FILTER),
                "user-filter", "{0}");
        attributes = ConfigChecks.listOrEmpty(attributes, "attributes");
        for (int i = 0; i < attributes.size(); i++) {
            AttributeNames.check(attributes.get(i), "attributes[" + i + "]");
        }
        immutableId = AttributeNames.check(ConfigChecks.orDefault(immutableId, DEFAULT_IMMUTABLE_ID), "immutable-id");
        immutableIdFormat = ConfigChecks.orDefault(immutableIdFormat, ImmutableIdFormat.TEXT);
        groups = ConfigChecks.orDefault(groups, GroupsConfig.defaults());
    }

    /** Where groups are searched: {@code groups.base-dn}, or the directory's base DN. */
    public String groupBaseDn() {
        return groups.baseDn().orElse(baseDn);
    }
}
