package dev.stsbridge.idp.directory;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLException;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.config.DirectoryConfig;
import dev.stsbridge.idp.config.LdapServerConfig;

/**
 * A {@link Directory} on any LDAP server (UnboundID LDAP SDK): search for the person with the service account
 * (or anonymously), then bind as them with their password; read the configured attributes, the immutable ID
 * and the groups. Usernames go into the filter escaped; an empty password is refused before any bind (an
 * LDAP bind with a DN and no password is an anonymous bind that "succeeds").
 */
public final class LdapDirectory implements Directory {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
    private static final int MAX_USERNAME = 256;

    private final LDAPConnectionPool pool;
    private final DirectoryConfig directory;
    private final String description;
    private final FilterTemplate userFilter;
    /** What the search asks for: the configured attributes, the immutable ID, memberOf in member-of mode. */
    private final String[] attributes;
    /** What the returned user carries: the configured attributes only. */
    private final Set<String> userAttributes;
    private final GroupResolver groups;
    private final int timeLimitSeconds;
    /** Bound to (and refused) for unknown users, so they take as long as a wrong password does. */
    private final String decoyDn;

    private LdapDirectory(LDAPConnectionPool pool, DirectoryConfig directory, LdapServerConfig server,
                          Set<String> attributes) {
        this.pool = pool;
        this.directory = directory;
        this.description = server.urls().toString();
        this.userFilter = new FilterTemplate(directory.userFilter());
        this.decoyDn = "cn=stsbridge-no-such-user," + directory.baseDn();
        this.timeLimitSeconds = (int) Math.max(1, server.responseTimeout().toSeconds());
        this.groups = new GroupResolver(directory.groups(), directory.groupBaseDn(), timeLimitSeconds);
        this.userAttributes = new LinkedHashSet<>(attributes);
        this.userAttributes.removeIf(a -> a.equalsIgnoreCase("userPassword"));
        Set<String> wanted = new LinkedHashSet<>(userAttributes);
        wanted.add(directory.immutableId());
        wanted.addAll(groups.userAttributes());
        wanted.removeIf(a -> a.equalsIgnoreCase("userPassword"));
        this.attributes = wanted.toArray(String[]::new);
    }

    /**
     * Connects (lazily: a directory that is down now fails the first request, not the start-up).
     *
     * @param directory where and how to find people
     * @param server how to reach the server
     * @param attributes the attributes to read for each person (see {@code StsbridgeConfig.directoryAttributes()})
     * @param bindPassword the service account's password, if {@code server.bindDn()} is set
     * @param trustStorePassword the PKCS#12 trust store's password, if any
     */
    public static LdapDirectory connect(DirectoryConfig directory, LdapServerConfig server, Set<String> attributes,
                                        Optional<char[]> bindPassword, Optional<char[]> trustStorePassword) {
        LDAPConnectionPool pool = LdapConnector.pool(server, bindPassword, trustStorePassword);
        return new LdapDirectory(pool, directory, server, attributes);
    }

    @Override
    public DirectoryUser authenticate(String username, char[] password)
            throws AuthenticationFailedException, DirectoryUnavailableException {
        if (!plausible(username) || password == null || password.length == 0) {
            throw new AuthenticationFailedException();
        }
        Optional<SearchResultEntry> entry = find(username);
        if (entry.isEmpty()) {
            LOG.debug("login refused for {}: no such user", username);
            bind(decoyDn, password);
            throw new AuthenticationFailedException();
        }
        if (!bind(entry.get().getDN(), password)) {
            LOG.debug("login refused for {}: the directory refused the password", username);
            throw new AuthenticationFailedException();
        }
        return toUser(username, entry.get());
    }

    @Override
    public Optional<DirectoryUser> lookup(String username) throws DirectoryUnavailableException {
        if (!plausible(username)) {
            return Optional.empty();
        }
        Optional<SearchResultEntry> entry = find(username);
        return entry.isEmpty() ? Optional.empty() : Optional.of(toUser(username, entry.get()));
    }

    @Override
    public DirectoryHealth health() {
        long start = System.nanoTime();
        try {
            SearchRequest request = new SearchRequest(directory.baseDn(), SearchScope.BASE, "(objectClass=*)", "1.1");
            request.setTimeLimitSeconds(timeLimitSeconds);
            pool.search(request);
            return new DirectoryHealth(true, "base DN " + directory.baseDn() + " readable at " + description,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (LDAPException e) {
            return new DirectoryHealth(false, unavailable(e, "health check").getMessage(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static boolean plausible(String username) {
        return username != null && !username.isBlank() && username.length() <= MAX_USERNAME
                && username.chars().noneMatch(Character::isISOControl);
    }

    private Optional<SearchResultEntry> find(String username) throws DirectoryUnavailableException {
        try {
            SearchRequest request = new SearchRequest(directory.baseDn(), SearchScope.SUB,
                    userFilter.fill(Map.of("0", username)), attributes);
            request.setSizeLimit(2);
            request.setTimeLimitSeconds(timeLimitSeconds);
            SearchResult result = pool.search(request);
            return result.getEntryCount() == 1 ? Optional.of(result.getSearchEntries().get(0)) : Optional.empty();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                LOG.warn("user filter {} matches more than one entry for {}; refusing", userFilter, username);
                return Optional.empty();
            }
            throw unavailable(e, "user search");
        } catch (LDAPException e) {
            throw unavailable(e, "user search");
        }
    }

    /** True when the directory accepted the password; false when it refused it; throws when it did not answer. */
    private boolean bind(String dn, char[] password) throws DirectoryUnavailableException {
        byte[] secret = Passwords.utf8(password);
        try {
            pool.bindAndRevertAuthentication(new SimpleBindRequest(dn, secret));
            return true;
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable() || e.getResultCode() == ResultCode.BUSY
                    || e.getResultCode() == ResultCode.UNAVAILABLE) {
                throw unavailable(e, "password check");
            }
            return false;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private DirectoryUser toUser(String username, SearchResultEntry entry) throws DirectoryUnavailableException {
        String immutableId = ImmutableIds.read(entry.getAttribute(directory.immutableId()),
                directory.immutableIdFormat()).orElseThrow(() -> new DirectoryUnavailableException("directory entry "
                + entry.getDN() + " has no usable " + directory.immutableId() + " (directory.immutable-id); without it"
                + " the person cannot be identified stably"));
        try {
            return new DirectoryUser(username, entry.getDN(), immutableId, attributesOf(entry),
                    groups.groupsOf(pool, entry, username));
        } catch (LDAPException e) {
            throw unavailable(e, "group search");
        }
    }

    private Map<String, List<String>> attributesOf(SearchResultEntry entry) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : userAttributes) {
            Attribute attribute = entry.getAttribute(name);
            if (attribute != null && attribute.size() > 0 && !name.equalsIgnoreCase(GroupResolver.MEMBER_OF)) {
                values.put(name, List.of(attribute.getValues()));
            }
        }
        return values;
    }

    /** A TLS failure's own message, else the innermost explanation (e.g. "Connection refused"), not the wrappers. */
    private static String rootCause(LDAPException e) {
        Throwable cause = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException && t.getMessage() != null) {
                return "TLS: " + t.getMessage();
            }
            cause = t;
        }
        if (cause != e && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return Optional.ofNullable(e.getDiagnosticMessage()).orElse(e.getMessage());
    }

    private DirectoryUnavailableException unavailable(LDAPException e, String what) {
        String reason = e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                ? "the directory refused the service account's bind (directory.ldap.bind-dn / bind-password)"
                : e.getResultCode().getName() + ": " + rootCause(e);
        return new DirectoryUnavailableException("directory " + description + " unavailable (" + what + "): " + reason,
                e);
    }
}
