package dev.stsbridge.idp.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.InMemoryPasswordEncoder;
import com.unboundid.ldap.listener.SaltedMessageDigestInMemoryPasswordEncoder;
import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;

import dev.stsbridge.idp.config.DirectoryConfig;
import dev.stsbridge.idp.config.LdapServerConfig;
import dev.stsbridge.idp.config.ResourceRef;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.config.StsbridgeConfig;

/**
 * The default directory: UnboundID's in-memory LDAP server on 127.0.0.1 (ephemeral port), loaded from an LDIF
 * file, and queried through {@link LdapDirectory} like any other server, so the demo exercises the real LDAP
 * path. Hardening, since the in-memory server has no access control of its own: it is read-only to clients
 * and never returns password hashes ({@link ReadOnlyInterceptor}); searching needs a bind (the service
 * account's random password exists only in this process). Passwords are verified as {@code {SSHA512}}
 * (new clear-text passwords in the LDIF are stored so), {@code {SSHA256}} and {@code {SSHA}}, the schemes
 * OpenLDAP's {@code slappasswd} produces.
 */
public final class EmbeddedDirectory implements Directory {

    private static final String SERVICE_DN = "cn=stsbridge-service";
    private static final int MAX_LDIF_BYTES = 64 << 20;
    private static final InetAddress LOOPBACK = loopback();

    private final InMemoryDirectoryServer server;
    private final LdapDirectory directory;
    private final URI url;

    private EmbeddedDirectory(InMemoryDirectoryServer server, LdapDirectory directory, URI url) {
        this.server = server;
        this.directory = directory;
        this.url = url;
    }

    /** Starts the embedded directory of a configuration, reading the attributes its AWS settings need. */
    public static EmbeddedDirectory start(StsbridgeConfig config) {
        return start(config.directory(), config.directoryAttributes());
    }

    /**
     * Loads the LDIF of {@code config.embedded()} and starts listening on 127.0.0.1.
     *
     * @param attributes the attributes to read for each person (see {@code StsbridgeConfig.directoryAttributes()})
     * @throws IllegalStateException naming the LDIF (and line) when it cannot be loaded
     */
    public static EmbeddedDirectory start(DirectoryConfig config, Set<String> attributes) {
        ResourceRef ldif = config.embedded().orElseThrow(() -> new IllegalArgumentException(
                "directory.embedded is not configured")).ldif();
        byte[] content = read(ldif);
        char[] servicePassword = randomPassword();
        InMemoryDirectoryServer server = null;
        try {
            server = new InMemoryDirectoryServer(serverConfig(entries(ldif, content), servicePassword));
            server.importFromLDIF(true, new LDIFReader(new ByteArrayInputStream(content)));
            server.startListening();
            URI url = URI.create("ldap://127.0.0.1:" + server.getListenPort());
            // The service password is handed over directly; the SecretRef only satisfies the record's invariant.
            LdapServerConfig connection = new LdapServerConfig(List.of(url), Optional.of(SERVICE_DN),
                    Optional.of(SecretRef.fromEnv("STSBRIDGE_EMBEDDED_SERVICE")), false, Optional.empty(), Optional.empty(), null, null,
                    null, false);
            LdapDirectory directory = LdapDirectory.connect(config, connection, attributes,
                    Optional.of(servicePassword), Optional.empty());
            return new EmbeddedDirectory(server, directory, url);
        } catch (LDAPException e) {
            if (server != null) {
                server.shutDown(true);
            }
            throw new IllegalStateException("cannot start the embedded directory from " + ldif + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where the embedded server listens, {@code ldap://127.0.0.1:<port>}. */
    public URI url() {
        return url;
    }

    public int port() {
        return url.getPort();
    }

    @Override
    public DirectoryUser authenticate(String username, char[] password)
            throws AuthenticationFailedException, DirectoryUnavailableException {
        return directory.authenticate(username, password);
    }

    @Override
    public Optional<DirectoryUser> lookup(String username) throws DirectoryUnavailableException {
        return directory.lookup(username);
    }

    @Override
    public DirectoryHealth health() {
        return directory.health();
    }

    /** Closes the connections and stops the server. */
    @Override
    public void close() {
        directory.close();
        server.shutDown(true);
    }

    private static byte[] read(ResourceRef ldif) {
        try (InputStream in = ldif.open()) {
            byte[] content = in.readNBytes(MAX_LDIF_BYTES + 1);
            if (content.length > MAX_LDIF_BYTES) {
                throw new IllegalStateException("LDIF " + ldif + " is larger than " + MAX_LDIF_BYTES / (1 << 20)
                        + " MiB; use an LDAP server for directories this size");
            }
            return content;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read LDIF " + ldif + ": " + e.getMessage(), e);
        }
    }

    private static List<Entry> entries(ResourceRef ldif, byte[] content) {
        List<Entry> entries = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(new ByteArrayInputStream(content))) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                entry.getParsedDN();
                entries.add(entry);
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot load LDIF " + ldif + ": " + e.getMessage(), e);
        } catch (LDIFException e) {
            throw new IllegalStateException("cannot load LDIF " + ldif + " (line " + e.getLineNumber() + "): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read LDIF " + ldif + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("LDIF " + ldif + " has no entries");
        }
        return entries;
    }

    private static InMemoryDirectoryServerConfig serverConfig(List<Entry> entries, char[] servicePassword)
            throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDns(entries));
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback", LOOPBACK, 0, null));
        config.addAdditionalBindCredentials(SERVICE_DN, Passwords.utf8(servicePassword));
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH, OperationType.COMPARE,
                OperationType.ADD, OperationType.MODIFY, OperationType.DELETE, OperationType.MODIFY_DN,
                OperationType.EXTENDED));
        config.addInMemoryOperationInterceptor(new ReadOnlyInterceptor());
        config.setPasswordAttributes(ReadOnlyInterceptor.PASSWORD);
        List<InMemoryPasswordEncoder> encoders = passwordEncoders();
        config.setPasswordEncoders(encoders.get(0), encoders.subList(1, encoders.size()));
        config.setMaxConnections(64);
        return config;
    }

    /** The password schemes the embedded server verifies, the one it stores new passwords in first. */
    static List<InMemoryPasswordEncoder> passwordEncoders() {
        return List.of(encoder("{SSHA512}", "SHA-512"), encoder("{SSHA256}", "SHA-256"), encoder("{SSHA}", "SHA-1"));
    }

    /** Salted digest as OpenLDAP writes it: base64(digest(password + salt) + salt); 16-byte salts for new values. */
    private static InMemoryPasswordEncoder encoder(String prefix, String digest) {
        try {
            return new SaltedMessageDigestInMemoryPasswordEncoder(prefix, Base64PasswordEncoderOutputFormatter
                    .getInstance(), MessageDigest.getInstance(digest), 16, true, true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is missing from this JVM", e);
        }
    }

    /** The entries whose parent is not in the LDIF are the server's base DNs. */
    private static DN[] baseDns(List<Entry> entries) throws LDAPException {
        // the DNs parsed when the LDIF was read
        Set<DN> all = new HashSet<>();
        for (Entry entry : entries) {
            all.add(entry.getParsedDN());
        }
        List<DN> bases = new ArrayList<>();
        for (DN dn : all) {
            DN parent = dn.getParent();
            if (parent == null || !all.contains(parent)) {
                bases.add(dn);
            }
        }
        return bases.toArray(DN[]::new);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
