package dev.stsbridge.idp.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.DirectoryConfig;
import dev.stsbridge.idp.config.EmbeddedDirectoryConfig;
import dev.stsbridge.idp.config.ResourceRef;

class EmbeddedDirectoryTest extends DirectoryContractTest {

    @Override
    Directory open(String ldifResource, DirectoryConfig search, Set<String> attributes) {
        DirectoryConfig embedded = new DirectoryConfig(Optional.of(new EmbeddedDirectoryConfig(
                ResourceRef.ofClasspath(ldifResource))), Optional.empty(), search.baseDn(), search.userFilter(),
                search.attributes(), search.immutableId(), search.immutableIdFormat(), search.groups());
        return EmbeddedDirectory.start(embedded, attributes);
    }

    @Test
    void embeddedListensOnLoopbackOnly() {
        try (EmbeddedDirectory directory = EmbeddedDirectory.start(DEMO.directory(), DEMO.directoryAttributes())) {
            assertThat(directory.url().toString()).startsWith("ldap://127.0.0.1:");
            assertThat(directory.port()).isPositive();
        }
    }

    @Test
    void embeddedWhenAnonymousSearchThenRefused() throws Exception {
        try (EmbeddedDirectory directory = EmbeddedDirectory.start(DEMO.directory(), DEMO.directoryAttributes());
             LDAPConnection anonymous = new LDAPConnection("127.0.0.1", directory.port())) {
            assertThatThrownBy(() -> anonymous.search("dc=example,dc=com", com.unboundid.ldap.sdk.SearchScope.SUB,
                    "(uid=alice)")).isInstanceOfSatisfying(LDAPException.class, e ->
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        }
    }

    @Test
    void embeddedWhenBoundUserAsksForPasswordHashesThenNeverGetsThem() throws Exception {
        try (EmbeddedDirectory directory = EmbeddedDirectory.start(DEMO.directory(), DEMO.directoryAttributes());
             LDAPConnection alice = new LDAPConnection("127.0.0.1", directory.port(),
                     "uid=alice,ou=people,dc=example,dc=com", "wonderland")) {
            SearchResultEntry bob = alice.getEntry("uid=bob,ou=people,dc=example,dc=com", "*", "userPassword");
            assertThat(bob.hasAttribute("mail")).isTrue();
            assertThat(bob.hasAttribute("userPassword")).isFalse();
            assertThatThrownBy(() -> alice.search("dc=example,dc=com", com.unboundid.ldap.sdk.SearchScope.SUB,
                    "(userPassword={SSHA512}*)")).isInstanceOfSatisfying(LDAPException.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
                        assertThat(e.getDiagnosticMessage()).isEqualTo("searches may not filter on userPassword");
                    });
        }
    }

    @Test
    void embeddedWhenClientTriesToWriteThenRefused() throws Exception {
        try (EmbeddedDirectory directory = EmbeddedDirectory.start(DEMO.directory(), DEMO.directoryAttributes());
             LDAPConnection alice = new LDAPConnection("127.0.0.1", directory.port(),
                     "uid=alice,ou=people,dc=example,dc=com", "wonderland")) {
            assertThatThrownBy(() -> alice.modify("uid=alice,ou=people,dc=example,dc=com",
                    new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.REPLACE,
                            "mail", "mallory@example.com"))).isInstanceOfSatisfying(LDAPException.class, e ->
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM));
        }
    }

    @Test
    void embeddedWhenStoppedThenDirectoryUnavailable() {
        EmbeddedDirectory directory = EmbeddedDirectory.start(DEMO.directory(), DEMO.directoryAttributes());
        directory.close();

        assertThatThrownBy(() -> directory.authenticate("alice", "wonderland".toCharArray()))
                .isExactlyInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void startWhenLdifSyntaxBrokenThenErrorNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path ldif = dir.resolve("broken.ldif");
        Files.writeString(ldif, "dn: dc=example,dc=com\nobjectClass: top\n\ndn: cn=x,dc=example,dc=com\nno colon\n");

        assertThatThrownBy(() -> EmbeddedDirectory.start(embedded(ldif), Set.of()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("cannot load LDIF " + ldif + " (line 4): The record starting at or near line number 4 "
                        + "contains a line that does not begin with an attribute name followed by a colon.");
    }

    @Test
    void startWhenLdifHasBadDnThenErrorNamesFileAndDn(@TempDir Path dir) throws Exception {
        Path ldif = dir.resolve("broken.ldif");
        Files.writeString(ldif, "dn: dc=example,dc=com\nobjectClass: top\n\ndn: not a dn\ncn: x\n");

        assertThatThrownBy(() -> EmbeddedDirectory.start(embedded(ldif), Set.of()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot load LDIF " + ldif + ": Unable to parse string 'not a dn' as a DN");
    }

    private static DirectoryConfig embedded(Path ldif) {
        return new DirectoryConfig(Optional.of(new EmbeddedDirectoryConfig(ResourceRef.ofFile(ldif))),
                Optional.empty(), "dc=example,dc=com", null, null, null, null, null);
    }
}
