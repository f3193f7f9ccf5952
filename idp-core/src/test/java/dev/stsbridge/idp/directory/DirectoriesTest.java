package dev.stsbridge.idp.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFReader;
import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.config.StsbridgeConfig;

class DirectoriesTest {

    @Test
    void demoConfigurationOpensTheEmbeddedDirectory() throws Exception {
        try (Directory directory = Directories.open(StsbridgeConfig.demo(), Map.of())) {
            assertThat(directory).isInstanceOf(EmbeddedDirectory.class);
            assertThat(directory.authenticate("alice", "wonderland".toCharArray()).values("mail"))
                    .containsExactly("alice@example.com");
        }
    }

    @Test
    void ldapConfigurationWhenBindPasswordVariableUnsetThenNamesIt() {
        StsbridgeConfig config = StsbridgeConfig.parse("""
                entity-id: https://idp.example.com/saml
                base-url: https://idp.example.com
                directory:
                  ldap:
                    urls: [ldap://127.0.0.1:1]
                    bind-dn: cn=stsbridge,dc=example,dc=com
                    bind-password: {env: STSBRIDGE_TEST_LDAP_PASSWORD}
                  base-dn: dc=example,dc=com
                aws:
                  accounts:
                    - {id: "111122223333", name: prod, provider-name: stsbridge}
                """, "stsbridge.yaml", Path.of(""));

        assertThatThrownBy(() -> Directories.open(config, Map.of())).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("directory.ldap.bind-password: environment variable STSBRIDGE_TEST_LDAP_PASSWORD is not set");
    }

    @Test
    void demoLdifStoresOnlySaltedSha512Hashes() throws Exception {
        int passwords = 0;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DirectoryContractTest.DEMO_LDIF);
             LDIFReader reader = new LDIFReader(in)) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                for (String value : entry.getAttributeValues("userPassword") == null ? new String[0]
                        : entry.getAttributeValues("userPassword")) {
                    assertThat(value).as(entry.getDN()).matches("\\{SSHA512}[A-Za-z0-9+/]{96,}={0,2}");
                    passwords++;
                }
            }
        }
        assertThat(passwords).isEqualTo(3);
    }
}
