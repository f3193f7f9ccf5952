package dev.stsbridge.idp.directory;

import java.util.Map;
import java.util.Optional;

import dev.stsbridge.idp.config.LdapServerConfig;
import dev.stsbridge.idp.config.StsbridgeConfig;

/** Opens the configured directory: the embedded one, or an LDAP server with its secrets read from env/files. */
public final class Directories {

    private Directories() {
    }

    /**
     * @param environment where {@code {env: NAME}} secrets are looked up ({@code System.getenv()})
     * @throws IllegalStateException when a secret or the embedded LDIF cannot be read
     */
    public static Directory open(StsbridgeConfig config, Map<String, String> environment) {
        if (config.directory().embedded().isPresent()) {
            return EmbeddedDirectory.start(config);
        }
        LdapServerConfig server = config.directory().ldap().orElseThrow();
        Optional<char[]> bindPassword = server.bindPassword()
                .map(s -> s.resolve("directory.ldap.bind-password", environment));
        Optional<char[]> trustStorePassword = server.trustStorePassword()
                .map(s -> s.resolve("directory.ldap.trust-store-password", environment));
        return LdapDirectory.connect(config.directory(), server, config.directoryAttributes(), bindPassword,
                trustStorePassword);
    }
}
