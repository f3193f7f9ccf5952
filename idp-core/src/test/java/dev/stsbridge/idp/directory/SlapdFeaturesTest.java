package dev.stsbridge.idp.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.config.DirectoryConfig;
import dev.stsbridge.idp.config.GroupMode;
import dev.stsbridge.idp.config.GroupsConfig;
import dev.stsbridge.idp.config.LdapServerConfig;
import dev.stsbridge.idp.config.StsbridgeConfig;

/** What only a real server shows: anonymous search, the memberOf overlay, a server going down and coming back. */
class SlapdFeaturesTest {

    private static final StsbridgeConfig DEMO = StsbridgeConfig.demo();
    private static SlapdServer slapd;

    @BeforeAll
    static void start() {
        slapd = SlapdServer.builder().ldifResource(DirectoryContractTest.DEMO_LDIF).memberOf(true).start();
    }

    @AfterAll
    static void stop() {
        slapd.close();
    }

    @Test
    void anonymousSearchThenBindAuthenticatesAlice() throws Exception {
        try (LdapDirectory directory = LdapDirectory.connect(DEMO.directory(), LdapServerConfig.anonymous(slapd.url()),
                DEMO.directoryAttributes(), Optional.empty(), Optional.empty())) {
            DirectoryUser alice = directory.authenticate("alice", "wonderland".toCharArray());

            assertThat(alice.values("mail")).containsExactly("alice@example.com");
            assertThat(alice.groupDns()).hasSize(3);
            assertThatThrownBy(() -> directory.authenticate("alice", "builder".toCharArray()))
                    .isExactlyInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void memberOfModeReadsGroupsFromTheOverlay() throws Exception {
        DirectoryConfig memberOf = new DirectoryConfig(DEMO.directory().embedded(), Optional.empty(),
                "dc=example,dc=com", null, List.of("mail"), null, null,
                new GroupsConfig(GroupMode.MEMBER_OF, Optional.empty(), null, 0));
        try (LdapDirectory directory = LdapDirectory.connect(memberOf, service(), List.of("mail").stream()
                .collect(java.util.stream.Collectors.toSet()), Optional.of(slapd.rootPassword()), Optional.empty())) {
            DirectoryUser bob = directory.authenticate("bob", "builder".toCharArray());

            assertThat(DirectoryContractTest.lowerCase(bob.groupDns())).containsExactlyInAnyOrder(
                    "cn=aws-dev-readonly" + DirectoryContractTest.GROUPS, "cn=staff" + DirectoryContractTest.GROUPS);
            assertThat(bob.values("memberOf")).isEmpty();
        }
    }

    @Test
    void serviceAccountWithWrongPasswordIsADirectoryErrorNotALoginFailure() {
        try (LdapDirectory directory = LdapDirectory.connect(DEMO.directory(), service(), DEMO.directoryAttributes(),
                Optional.of("wrong".toCharArray()), Optional.empty())) {
            assertThatThrownBy(() -> directory.authenticate("alice", "wonderland".toCharArray()))
                    .isExactlyInstanceOf(DirectoryUnavailableException.class)
                    .hasMessage("directory [" + slapd.url() + "] unavailable (user search): the directory refused "
                            + "the service account's bind (directory.ldap.bind-dn / bind-password)");
        }
    }

    @Test
    void whenSlapdStopsThenUnavailableQuicklyAndWhenItRestartsThenLoginsWorkAgain() throws Exception {
        try (SlapdServer own = SlapdServer.builder().ldifResource(DirectoryContractTest.DEMO_LDIF).start();
             LdapDirectory directory = LdapDirectory.connect(DEMO.directory(),
                     SlapdDirectoryTest.serviceAccount(own.url(), own.rootDn()), DEMO.directoryAttributes(),
                     Optional.of(own.rootPassword()), Optional.empty())) {
            assertThat(directory.authenticate("carol", "chocolate".toCharArray()).username()).isEqualTo("carol");

            own.stop();

            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertThatThrownBy(() -> directory.authenticate("carol", "chocolate".toCharArray()))
                        .isExactlyInstanceOf(DirectoryUnavailableException.class)
                        .hasMessageStartingWith("directory [" + own.url() + "] unavailable (user search): ");
                assertThat(directory.health().available()).isFalse();
            });

            own.restart();

            assertThat(directory.authenticate("carol", "chocolate".toCharArray()).username()).isEqualTo("carol");
            assertThat(directory.health().available()).isTrue();
        }
    }

    private static LdapServerConfig service() {
        return SlapdDirectoryTest.serviceAccount(slapd.url(), slapd.rootDn());
    }
}
