package dev.stsbridge.tests.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import dev.stsbridge.idp.directory.AuthenticationFailedException;
import dev.stsbridge.idp.directory.SlapdServer;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.tests.support.RequiredTool;
import dev.stsbridge.tests.support.SamlXml;
import dev.stsbridge.tests.support.TestIdp;

/**
 * The IdP's LDAP path end to end: Debian's slapd (idp-core's {@link SlapdServer} harness, shared through idp-core's
 * test-jar) loaded with the demo LDIF, the demo configuration pointed at it with a service account, a password login,
 * and the signed response: the same claims and persistent NameID as with the embedded directory.
 */
class SlapdIdpTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final String PASSWORD_VARIABLE = "STSBRIDGE_TEST_LDAP_PASSWORD";

    @TempDir
    static Path data;

    private static SlapdServer slapd;
    private static TestIdp ldap;
    private static TestIdp embedded;

    @BeforeAll
    static void start() {
        RequiredTool.require("slapd");
        RequiredTool.require("slapadd");
        slapd = SlapdServer.builder().ldifResource("dev/stsbridge/idp/demo/demo.ldif").suffix("dc=example,dc=com").start();
        String yaml = TestIdp.demoYaml().replace("""
                  embedded:
                    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
                """, """
                  ldap:
                    urls: [%s]
                    bind-dn: %s
                    bind-password: {env: %s}
                """.formatted(slapd.url(), slapd.rootDn(), PASSWORD_VARIABLE));
        assertThat(yaml).contains("ldap:").doesNotContain("embedded:");
        ldap = TestIdp.fromYaml(yaml, Map.of(PASSWORD_VARIABLE, new String(slapd.rootPassword())), data, CLOCK);
        embedded = TestIdp.demo(data, CLOCK);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {ldap, embedded, slapd}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aliceLogsInAgainstSlapdAndGetsTheSameSignedClaimsAsFromTheEmbeddedDirectory() {
        Document fromSlapd = SamlXml.decode(ldap.respondAfterLogin("alice", "wonderland", RoleChoice.all())
                .form().samlResponse());
        Document fromEmbedded = SamlXml.decode(embedded.respond("alice", RoleChoice.all()).form().samlResponse());

        assertThat(SamlXml.awsAttribute(fromSlapd, "Role")).containsExactly(
                "arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge",
                "arn:aws:iam::444455556666:role/Developer,arn:aws:iam::444455556666:saml-provider/stsbridge");
        for (String attribute : new String[] {"Role", "RoleSessionName", "SourceIdentity", "SessionDuration",
            "PrincipalTag:department", "PrincipalTag:team", "TransitiveTagKeys"}) {
            assertThat(SamlXml.awsAttribute(fromSlapd, attribute)).as(attribute)
                    .isEqualTo(SamlXml.awsAttribute(fromEmbedded, attribute)).isNotEmpty();
        }
        assertThat(SamlXml.nameId(fromSlapd).getTextContent()).isEqualTo(SamlXml.nameId(fromEmbedded).getTextContent());
    }

    @Test
    void aWrongPasswordAgainstSlapdIsRefusedWithTheOneMessage() {
        assertThatThrownBy(() -> ldap.app().directory().authenticate("alice", "chocolate".toCharArray()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessage("Invalid username or password");
    }
}
