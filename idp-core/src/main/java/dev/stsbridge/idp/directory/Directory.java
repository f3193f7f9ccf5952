package dev.stsbridge.idp.directory;

import java.util.Optional;

/**
 * Where people are looked up and their passwords checked. Implementations: {@link LdapDirectory} (any LDAP
 * server, Active Directory included) and {@link EmbeddedDirectory} (an in-memory LDAP server on loopback,
 * loaded from LDIF, queried through {@link LdapDirectory}).
 */
public interface Directory extends AutoCloseable {

    /**
     * Checks a username and password and returns the person with their attributes and groups.
     *
     * @throws AuthenticationFailedException the username or the password is wrong (one message for both)
     * @throws DirectoryUnavailableException the directory did not answer, or refused the service account
     */
    DirectoryUser authenticate(String username, char[] password)
            throws AuthenticationFailedException, DirectoryUnavailableException;

    /** The person with this username, without checking a password (for SSO sessions and {@code --explain}). */
    Optional<DirectoryUser> lookup(String username) throws DirectoryUnavailableException;

    /** Whether the directory answers now. Never throws. */
    DirectoryHealth health();

    /** Releases connections (and stops an embedded server). */
    @Override
    void close();
}
