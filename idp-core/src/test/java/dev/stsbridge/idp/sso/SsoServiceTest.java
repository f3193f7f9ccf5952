package dev.stsbridge.idp.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.rules.AwsRule;
import dev.stsbridge.metadata.MetadataVerifier;
import dev.stsbridge.xml.SecureXml;

/**
 * The IdP flow end to end inside idp-core: the bundled demo configuration, the embedded demo directory, keys
 * generated into a temporary data directory, a fixed clock.
 */
class SsoServiceTest {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String AWS = "https://aws.amazon.com/SAML/Attributes/";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dataDir;

    private static IdpApplication idp;

    @BeforeAll
    static void start() {
        idp = IdpApplication.start(StsbridgeConfig.demo().withDataDir(dataDir), Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static SignedInUser signedIn(String username) throws Exception {
        DirectoryUser user = idp.directory().lookup(username).orElseThrow();
        return idp.signedIn(user, false, Duration.ofHours(8));
    }

    private static SsoOutcome.Posted posted(SsoOutcome outcome) {
        assertThat(outcome).isInstanceOf(SsoOutcome.Posted.class);
        return (SsoOutcome.Posted) outcome;
    }

    private static Document decode(PostForm form) {
        return SecureXml.parse(Base64.getDecoder().decode(form.samlResponse()));
    }

    private static List<String> attribute(Document response, String name) {
        List<String> values = new ArrayList<>();
        NodeList attributes = response.getElementsByTagNameNS(SAML, "Attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            if (attribute.getAttribute("Name").equals(AWS + name)) {
                NodeList items = attribute.getElementsByTagNameNS(SAML, "AttributeValue");
                for (int j = 0; j < items.getLength(); j++) {
                    values.add(items.item(j).getTextContent());
                }
            }
        }
        return values;
    }

    @Test
    void respondForAliceWithAllRolesPostsBothRolePairsToTheConfiguredTarget() throws Exception {
        SsoOutcome.Posted outcome = posted(idp.sso().respond(signedIn("alice"), RoleChoice.all(), Optional.empty()));

        assertThat(outcome.form().target()).isEqualTo(URI.create("http://127.0.0.1:8090/saml"));
        Document response = decode(outcome.form());
        assertThat(response.getDocumentElement().getAttribute("Destination"))
                .isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(attribute(response, "Role")).containsExactly(
                "arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge",
                "arn:aws:iam::444455556666:role/Developer,arn:aws:iam::444455556666:saml-provider/stsbridge");
        assertThat(attribute(response, "RoleSessionName")).containsExactly("alice@example.com");
        assertThat(attribute(response, "SourceIdentity")).containsExactly("alice");
        assertThat(attribute(response, "PrincipalTag:department")).containsExactly("engineering");
        assertThat(attribute(response, "PrincipalTag:team")).containsExactly("platform");
        assertThat(outcome.form().responseId()).isEqualTo(response.getDocumentElement().getAttribute("ID"));
    }

    @Test
    void respondForOneRoleCarriesOnlyThatPair() throws Exception {
        SsoOutcome.Posted outcome = posted(idp.sso().respond(signedIn("alice"), RoleChoice.one("dev", "Developer"),
                Optional.of("https://console.aws.amazon.com/s3/")));

        assertThat(attribute(decode(outcome.form()), "Role")).containsExactly(
                "arn:aws:iam::444455556666:role/Developer,arn:aws:iam::444455556666:saml-provider/stsbridge");
        assertThat(outcome.form().relayState()).contains("https://console.aws.amazon.com/s3/");
    }

    @Test
    void respondWhenTheRoleIsNotTheUsersThenRefusedBeforeAnythingIsSigned() {
        assertThatThrownBy(() -> idp.sso().respond(signedIn("bob"), RoleChoice.one("prod", "Admin"),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not use");
    }

    @Test
    void respondForCarolIsRefusedByThePreflightCheckNamingTheRule() throws Exception {
        SsoOutcome outcome = idp.sso().respond(signedIn("carol"), RoleChoice.all(), Optional.empty());

        assertThat(outcome).isInstanceOf(SsoOutcome.Refused.class);
        SsoOutcome.Refused refused = (SsoOutcome.Refused) outcome;
        assertThat(refused.violations()).extracting(v -> v.rule()).containsExactly(AwsRule.ROLE_REQUIRED);
        assertThat(refused.violations().get(0).user()).isEqualTo("carol");
    }

    @Test
    void assertionTimesComeFromTheInjectedClock() throws Exception {
        Document response = decode(posted(idp.sso().respond(signedIn("bob"), RoleChoice.all(), Optional.empty()))
                .form());
        Element conditions = (Element) response.getElementsByTagNameNS(SAML, "Conditions").item(0);
        assertThat(conditions.getAttribute("NotBefore")).isEqualTo("2026-11-25T12:00:00.000Z");
        assertThat(conditions.getAttribute("NotOnOrAfter")).isEqualTo("2026-11-25T12:05:00.000Z");
    }

    @Test
    void persistentNameIdIsStableAndOpaque() throws Exception {
        Document first = decode(posted(idp.sso().respond(signedIn("bob"), RoleChoice.all(), Optional.empty())).form());
        Document second = decode(posted(idp.sso().respond(signedIn("bob"), RoleChoice.all(), Optional.empty()))
                .form());
        String nameId = first.getElementsByTagNameNS(SAML, "NameID").item(0).getTextContent();

        assertThat(second.getElementsByTagNameNS(SAML, "NameID").item(0).getTextContent()).isEqualTo(nameId);
        assertThat(nameId).doesNotContainIgnoringCase("bob");
    }

    @Test
    void signedMetadataVerifiesWithTheIdpsOwnCertificate() {
        var verified = new MetadataVerifier(Clock.fixed(NOW, ZoneOffset.UTC))
                .verify(idp.signedMetadata(), List.of(idp.keys().current().certificate()));

        assertThat(verified.entityId()).isEqualTo("http://127.0.0.1:8080/saml2/metadata");
    }

    @Test
    void aSecondStartWithTheSameDataDirectoryKeepsKeysAndNameIds(@TempDir Path otherDir) throws Exception {
        StsbridgeConfig config = StsbridgeConfig.demo().withDataDir(otherDir);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String firstCertificate;
        String firstNameId;
        try (IdpApplication first = IdpApplication.start(config, Map.of(), clock)) {
            assertThat(first.keysGenerated()).isTrue();
            firstCertificate = Base64.getEncoder().encodeToString(first.keys().current().certificate().getEncoded());
            firstNameId = nameIdOf(first);
        }
        try (IdpApplication second = IdpApplication.start(config, Map.of(), clock)) {
            assertThat(second.keysGenerated()).isFalse();
            assertThat(Base64.getEncoder().encodeToString(second.keys().current().certificate().getEncoded()))
                    .isEqualTo(firstCertificate);
            assertThat(nameIdOf(second)).isEqualTo(firstNameId);
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(otherDir.resolve("keys/nameid-secret")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    private static String nameIdOf(IdpApplication app) throws Exception {
        DirectoryUser bob = app.directory().lookup("bob").orElseThrow();
        PostForm form = posted(app.sso().respond(app.signedIn(bob, false, Duration.ofHours(1)), RoleChoice.all(),
                Optional.empty())).form();
        return decode(form).getElementsByTagNameNS(SAML, "NameID").item(0).getTextContent();
    }

    @Test
    void withBaseUrlMovesTheDefaultEntityIdAlong() {
        StsbridgeConfig moved = StsbridgeConfig.demo().withBaseUrl(URI.create("http://127.0.0.1:18080"));
        assertThat(moved.entityId()).isEqualTo("http://127.0.0.1:18080/saml2/metadata");
        assertThat(moved.baseUrl().toString())
                .isEqualTo("http://127.0.0.1:18080");
    }
}
