package dev.stsbridge.idp.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.stsbridge.idp.config.DirectoryConfig;
import dev.stsbridge.idp.config.GroupMode;
import dev.stsbridge.idp.config.GroupsConfig;
import dev.stsbridge.idp.config.ImmutableIdFormat;
import dev.stsbridge.idp.config.StsbridgeConfig;

/**
 * What every {@link Directory} must do, run against the embedded directory and against a real OpenLDAP
 * ({@link SlapdDirectoryTest}) with the demo LDIF of DESIGN.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DirectoryContractTest {

    static final String DEMO_LDIF = "dev/stsbridge/idp/demo/demo.ldif";
    static final String NESTED_LDIF = "dev/stsbridge/idp/directory/nested.ldif";
    static final String GROUPS = ",ou=groups,dc=example,dc=com";
    static final StsbridgeConfig DEMO = StsbridgeConfig.demo();

    private Directory demo;

    /**
     * A directory over a fresh server loaded with the LDIF resource, searched as {@code search} says (its
     * {@code embedded}/{@code ldap} part is the implementation's to choose). Closing it stops the server.
     */
    abstract Directory open(String ldifResource, DirectoryConfig search, Set<String> attributes);

    @BeforeAll
    void startDemo() {
        demo = open(DEMO_LDIF, DEMO.directory(), DEMO.directoryAttributes());
    }

    @AfterAll
    void stopDemo() {
        demo.close();
    }

    static DirectoryConfig searchConfig(String immutableId, GroupMode mode, int nestedDepth) {
        return new DirectoryConfig(DEMO.directory().embedded(), Optional.empty(), "dc=example,dc=com", null,
                List.of("mail", "uid"), immutableId, ImmutableIdFormat.TEXT,
                new GroupsConfig(mode, Optional.empty(), null, nestedDepth));
    }

    @Test
    void aliceWithHerPasswordGetsHerGroupsAttributesAndFixedImmutableId() throws Exception {
        DirectoryUser alice = demo.authenticate("alice", "wonderland".toCharArray());

        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.distinguishedName()).isEqualToIgnoringCase("uid=alice,ou=people,dc=example,dc=com");
        assertThat(alice.immutableId()).isEqualTo("7a0a4a52-3f0e-4c55-8f6e-1c2b9d3e4a11");
        assertThat(alice.values("mail")).containsExactly("alice@example.com");
        assertThat(alice.values("uid")).containsExactly("alice");
        assertThat(alice.values("departmentNumber")).containsExactly("engineering");
        assertThat(alice.values("ou")).containsExactly("platform");
        assertThat(alice.values("userPassword")).isEmpty();
        assertThat(lowerCase(alice.groupDns())).containsExactlyInAnyOrder("cn=aws-prod-admin" + GROUPS,
                "cn=aws-dev-developer" + GROUPS, "cn=staff" + GROUPS);
    }

    @Test
    void bobWithHisPasswordGetsReadOnlyGroupAndNoTeam() throws Exception {
        DirectoryUser bob = demo.authenticate("bob", "builder".toCharArray());

        assertThat(bob.immutableId()).isEqualTo("7a0a4a52-3f0e-4c55-8f6e-1c2b9d3e4a12");
        assertThat(bob.values("mail")).containsExactly("bob@example.com");
        assertThat(bob.values("departmentNumber")).containsExactly("operations");
        assertThat(bob.values("ou")).isEmpty();
        assertThat(lowerCase(bob.groupDns())).containsExactlyInAnyOrder("cn=aws-dev-readonly" + GROUPS,
                "cn=staff" + GROUPS);
    }

    @Test
    void carolWithHerPasswordIsInNoAwsGroup() throws Exception {
        DirectoryUser carol = demo.authenticate("carol", "chocolate".toCharArray());

        assertThat(carol.values("mail")).containsExactly("carol@example.com");
        assertThat(lowerCase(carol.groupDns())).containsExactly("cn=staff" + GROUPS);
    }

    @Test
    void authenticateWhenPasswordWrongOrUserUnknownThenSameFailure() {
        assertThatThrownBy(() -> demo.authenticate("alice", "chocolate".toCharArray()))
                .isExactlyInstanceOf(AuthenticationFailedException.class).hasMessage("Invalid username or password");
        assertThatThrownBy(() -> demo.authenticate("mallory", "wonderland".toCharArray()))
                .isExactlyInstanceOf(AuthenticationFailedException.class).hasMessage("Invalid username or password");
    }

    @Test
    void authenticateWhenPasswordEmptyThenRefusedWithoutAnonymousBind() {
        assertThatThrownBy(() -> demo.authenticate("alice", new char[0]))
                .isExactlyInstanceOf(AuthenticationFailedException.class).hasMessage("Invalid username or password");
        assertThatThrownBy(() -> demo.authenticate("", "wonderland".toCharArray()))
                .isExactlyInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void authenticateWhenUsernameIsFilterInjectionThenRefused() {
        for (String evil : List.of("*)(uid=*", "*", "alice)(|(uid=*", "al*", "alice\u0000", "*)(objectClass=*")) {
            assertThatThrownBy(() -> demo.authenticate(evil, "wonderland".toCharArray())).as(evil)
                    .isExactlyInstanceOf(AuthenticationFailedException.class)
                    .hasMessage("Invalid username or password");
        }
    }

    @Test
    void lookupWhenFilterInjectionThenNobody() throws Exception {
        assertThat(demo.lookup("*")).isEmpty();
        assertThat(demo.lookup("*)(uid=*")).isEmpty();
        assertThat(demo.lookup("alice*")).isEmpty();
    }

    @Test
    void lookupFindsAliceWithoutPasswordAndNobodyForUnknownName() throws Exception {
        assertThat(demo.lookup("alice")).get().extracting(DirectoryUser::immutableId)
                .isEqualTo("7a0a4a52-3f0e-4c55-8f6e-1c2b9d3e4a11");
        assertThat(demo.lookup("mallory")).isEmpty();
    }

    @Test
    void healthWhenServerUpThenAvailable() {
        DirectoryHealth health = demo.health();

        assertThat(health.available()).as(health.detail()).isTrue();
        assertThat(health.detail()).contains("dc=example,dc=com");
    }

    @Test
    void nestedGroupsFollowedToConfiguredDepthAndCyclesStop() throws Exception {
        for (int depth : new int[] {0, 1, 2, 5}) {
            try (Directory nested = open(NESTED_LDIF, searchConfig("entryUUID", GroupMode.SEARCH, depth),
                    Set.of("mail"))) {
                Set<String> groups = lowerCase(nested.authenticate("dave", "nested-test".toCharArray()).groupDns());
                List<String> expected = List.of("cn=team-a" + GROUPS, "cn=engineering" + GROUPS,
                        "cn=aws-eng" + GROUPS).subList(0, Math.min(3, depth + 1));
                assertThat(groups).as("depth " + depth).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void authenticateWhenTwoEntriesMatchTheUsernameThenRefused() {
        try (Directory nested = open(NESTED_LDIF, searchConfig("entryUUID", GroupMode.SEARCH, 0), Set.of())) {
            assertThatThrownBy(() -> nested.authenticate("twin", "nested-test".toCharArray()))
                    .isExactlyInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void authenticateWhenEntryLacksImmutableIdThenDirectoryErrorNamingTheAttribute() throws Exception {
        try (Directory nested = open(NESTED_LDIF, searchConfig("employeeNumber", GroupMode.SEARCH, 0), Set.of())) {
            assertThat(nested.authenticate("dave", "nested-test".toCharArray()).immutableId()).isEqualTo("1001");
            assertThatThrownBy(() -> nested.authenticate("erin", "nested-test".toCharArray()))
                    .isExactlyInstanceOf(DirectoryUnavailableException.class)
                    .hasMessageContaining("uid=erin,ou=people,dc=example,dc=com has no usable employeeNumber "
                            + "(directory.immutable-id)");
        }
    }

    static Set<String> lowerCase(Set<String> dns) {
        return dns.stream().map(dn -> dn.toLowerCase(java.util.Locale.ROOT).replace(", ", ","))
                .collect(java.util.stream.Collectors.toSet());
    }
}
