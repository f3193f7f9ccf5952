package dev.stsbridge.idp.directory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;

import dev.stsbridge.idp.config.LdapServerConfig;

/**
 * Builds the connection pool: one server set over the configured URLs (tried in order), connect and response
 * timeouts, LDAPS or StartTLS with host-name verification, and the service-account bind. The pool is created
 * even when the directory is down (the first request then fails with a clear error, and later ones retry).
 */
final class LdapConnector {

    private LdapConnector() {
    }

    static LDAPConnectionPool pool(LdapServerConfig server, Optional<char[]> bindPassword,
                                   Optional<char[]> trustStorePassword) {
        LDAPConnectionOptions options = options(server);
        boolean needsTls = server.startTls() || server.urls().stream().anyMatch(LdapConnector::isLdaps);
        SSLContext tls = needsTls ? LdapTls.context(server.trustStore(), trustStorePassword) : null;
        List<ServerSet> sets = new ArrayList<>();
        for (URI url : server.urls()) {
            SocketFactory sockets = isLdaps(url) ? tls.getSocketFactory() : SocketFactory.getDefault();
            sets.add(new SingleServerSet(url.getHost(), port(url), sockets, options));
        }
        ServerSet serverSet = sets.size() == 1 ? sets.get(0) : new FailoverServerSet(sets);
        PostConnectProcessor startTls = server.startTls() ? new StartTLSPostConnectProcessor(tls) : null;
        try {
            LDAPConnectionPool pool = new LDAPConnectionPool(serverSet, bindRequest(server, bindPassword), 1,
                    server.maxConnections(), 1, startTls, false);
            pool.setConnectionPoolName("stsbridge-directory");
            pool.setCreateIfNecessary(true);
            pool.setMaxWaitTimeMillis(server.connectTimeout().toMillis());
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            return pool;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the directory connection pool: " + e.getMessage(), e);
        }
    }

    private static LDAPConnectionOptions options(LdapServerConfig server) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(Math.toIntExact(server.connectTimeout().toMillis()));
        options.setResponseTimeoutMillis(server.responseTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setBindWithDNRequiresPassword(true);
        return options;
    }

    private static BindRequest bindRequest(LdapServerConfig server, Optional<char[]> bindPassword) {
        if (server.bindDn().isEmpty()) {
            return null;
        }
        char[] password = bindPassword.orElseThrow(() -> new IllegalArgumentException(
                "directory.ldap.bind-dn is set but no bind password was given"));
        return new SimpleBindRequest(server.bindDn().get(), Passwords.utf8(password));
    }

    static boolean isLdaps(URI url) {
        return "ldaps".equals(url.getScheme().toLowerCase(Locale.ROOT));
    }

    static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : isLdaps(url) ? 636 : 389;
    }
}
