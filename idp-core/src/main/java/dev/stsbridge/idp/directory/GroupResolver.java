package dev.stsbridge.idp.directory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

import dev.stsbridge.idp.config.GroupMode;
import dev.stsbridge.idp.config.GroupsConfig;

/**
 * The groups a person is in: by searching for groups that list them ({@code member={dn}}) or from their
 * {@code memberOf} values; then, if configured, the groups those groups are in, level by level up to
 * {@code nested-depth}, stopping at cycles and at {@value #MAX_GROUPS} groups.
 */
final class GroupResolver {

    static final String MEMBER_OF = "memberOf";
    static final int MAX_GROUPS = 1000;

    private final GroupsConfig config;
    private final String baseDn;
    private final FilterTemplate filter;
    private final int timeLimitSeconds;

    GroupResolver(GroupsConfig config, String baseDn, int timeLimitSeconds) {
        this.config = config;
        this.baseDn = baseDn;
        this.filter = new FilterTemplate(config.filter());
        this.timeLimitSeconds = timeLimitSeconds;
    }

    /** The attributes the user search must return for this mode. */
    List<String> userAttributes() {
        return config.mode() == GroupMode.MEMBER_OF ? List.of(MEMBER_OF) : List.of();
    }

    Set<String> groupsOf(LDAPInterface ldap, SearchResultEntry user, String username) throws LDAPException {
        Set<String> groups = new LinkedHashSet<>(direct(ldap, user.getDN(), username, user));
        List<String> frontier = new ArrayList<>(groups);
        for (int level = 0; level < config.nestedDepth() && !frontier.isEmpty() && groups.size() < MAX_GROUPS; level++) {
            List<String> next = new ArrayList<>();
            for (String group : frontier) {
                for (String parent : parents(ldap, group, username)) {
                    if (groups.size() < MAX_GROUPS && groups.add(parent)) {
                        next.add(parent);
                    }
                }
            }
            frontier = next;
        }
        return groups;
    }

    private List<String> direct(LDAPInterface ldap, String dn, String username, SearchResultEntry user)
            throws LDAPException {
        if (config.mode() == GroupMode.MEMBER_OF) {
            return valuesOf(user, MEMBER_OF);
        }
        return search(ldap, dn, username);
    }

    private List<String> parents(LDAPInterface ldap, String groupDn, String username) throws LDAPException {
        if (config.mode() == GroupMode.MEMBER_OF) {
            SearchResultEntry group = ldap.getEntry(groupDn, MEMBER_OF);
            return group == null ? List.of() : valuesOf(group, MEMBER_OF);
        }
        return filter.uses("dn") ? search(ldap, groupDn, username) : List.of();
    }

    private List<String> search(LDAPInterface ldap, String memberDn, String username) throws LDAPException {
        SearchRequest request = new SearchRequest(baseDn, SearchScope.SUB,
                filter.fill(Map.of("dn", memberDn, "0", username)), "1.1");
        request.setSizeLimit(MAX_GROUPS);
        request.setTimeLimitSeconds(timeLimitSeconds);
        SearchResult result;
        try {
            result = ldap.search(request);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw e;
            }
            result = e.getSearchResult();
        }
        List<String> dns = new ArrayList<>();
        result.getSearchEntries().forEach(e -> dns.add(e.getDN()));
        return dns;
    }

    private static List<String> valuesOf(SearchResultEntry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        return values == null ? List.of() : List.of(values);
    }
}
