package dev.stsbridge.idp.directory;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.stsbridge.idp.config.DirectoryConfig;
import dev.stsbridge.idp.config.LdapServerConfig;
import dev.stsbridge.idp.config.SecretRef;

/** The directory contract against Debian's OpenLDAP slapd, searched with a service account (the root DN). */
class SlapdDirectoryTest extends DirectoryContractTest {

    @Override
    Directory open(String ldifResource, DirectoryConfig search, Set<String> attributes) {
        SlapdServer slapd = SlapdServer.builder().ldifResource(ldifResource).suffix("dc=example,dc=com").start();
        LdapDirectory directory = LdapDirectory.connect(search, serviceAccount(slapd.url(), slapd.rootDn()),
                attributes, Optional.of(slapd.rootPassword()), Optional.empty());
        return new ServerAndDirectory(slapd, directory);
    }

    static LdapServerConfig serviceAccount(URI url, String bindDn) {
        return new LdapServerConfig(List.of(url), Optional.of(bindDn), Optional.of(SecretRef.fromEnv("TEST_ONLY")),
                false, Optional.empty(), Optional.empty(), null, null, null, false);
    }

    /** A directory whose close() also stops its slapd. */
    record ServerAndDirectory(SlapdServer slapd, Directory directory) implements Directory {
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

        @Override
        public void close() {
            directory.close();
            slapd.close();
        }
    }
}
