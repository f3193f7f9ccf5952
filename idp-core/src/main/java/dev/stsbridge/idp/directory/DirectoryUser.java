package dev.stsbridge.idp.directory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A person as the directory knows them.
 *
 * @param username the login name (e.g. {@code alice})
 * @param distinguishedName the entry's DN
 * @param immutableId an identifier that never changes for this person (e.g. {@code entryUUID} or
 *                    {@code objectGUID}); the persistent NameID is derived from it, never from the username
 * @param attributes attribute name -> values; names are case-insensitive as in LDAP
 * @param groupDns the DNs of the groups the person is a member of (directly or, if configured, nested)
 */
public record DirectoryUser(String username, String distinguishedName, String immutableId,
                            Map<String, List<String>> attributes, Set<String> groupDns) {

    public DirectoryUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(distinguishedName, "distinguishedName");
        Objects.requireNonNull(immutableId, "immutableId");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        attributes.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        attributes = java.util.Collections.unmodifiableMap(copy);
        groupDns = Set.copyOf(groupDns);
    }

    /** All values of an attribute (case-insensitive name); empty when the user has none. */
    public List<String> values(String attribute) {
        return attributes.getOrDefault(attribute, List.of());
    }

    /** The first value of an attribute, if the user has one. */
    public Optional<String> firstValue(String attribute) {
        return values(attribute).stream().findFirst();
    }

    /** True when the user is a member of the group (DNs compared ignoring case). */
    public boolean isMemberOf(String groupDn) {
        String wanted = groupDn.toLowerCase(Locale.ROOT);
        return groupDns.stream().anyMatch(dn -> dn.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
