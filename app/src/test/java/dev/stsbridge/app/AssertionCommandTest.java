package dev.stsbridge.app;

import static dev.stsbridge.app.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.xml.SecureXml;

/**
 * {@code stsbridge assertion} in-process: the bundled demo (alice: prod Admin and dev Developer; bob: dev ReadOnly;
 * carol: no AWS role) and a configuration file, with RSA-2048 keys generated once for the class and a fixed clock.
 */
class AssertionCommandTest {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    private static final String PROD_ADMIN = "arn:aws:iam::111122223333:role/Admin,"
            + "arn:aws:iam::111122223333:saml-provider/stsbridge";
    private static final String DEV_DEVELOPER = "arn:aws:iam::444455556666:role/Developer,"
            + "arn:aws:iam::444455556666:saml-provider/stsbridge";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() {
        CommandRun generate = run("keys", "generate", "--algorithm", "rsa-2048", "--data-dir", data());
        assertThat(generate.exitCode()).as(generate.toString()).isZero();
    }

    private static String data() {
        return shared.resolve("data").toString();
    }

    private static CommandRun demo(String... args) {
        List<String> all = new ArrayList<>(List.of("assertion", "--demo", "--data-dir", data()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static Document parse(byte[] xml) {
        return SecureXml.parse(xml);
    }

    private static List<String> roles(Document response) {
        List<String> values = new ArrayList<>();
        NodeList attributes = response.getElementsByTagNameNS(SAML, "Attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            if (attribute.getAttribute("Name").equals(ROLE)) {
                NodeList items = attribute.getElementsByTagNameNS(SAML, "AttributeValue");
                for (int j = 0; j < items.getLength(); j++) {
                    values.add(items.item(j).getTextContent());
                }
            }
        }
        return values;
    }

    @Test
    void aliceAsXmlHasTwoRoleValuesEachRoleArnCommaProviderArn() {
        CommandRun alice = demo("--user", "alice", "--format", "xml");

        assertThat(alice.exitCode()).as(alice.toString()).isZero();
        assertThat(alice.err()).isEmpty();
        assertThat(roles(parse(alice.stdoutBytes()))).containsExactly(PROD_ADMIN, DEV_DEVELOPER);
    }

    @Test
    void aliceWithAccountAndRoleHasOnlyThatRolePair() {
        CommandRun developer = demo("--user", "alice", "--account", "dev", "--role", "Developer", "--format", "xml");

        assertThat(developer.exitCode()).as(developer.toString()).isZero();
        assertThat(roles(parse(developer.stdoutBytes()))).containsExactly(DEV_DEVELOPER);
    }

    @Test
    void baseUrlMovesTheDefaultEntityIdSoTheIssuerMatchesADemoOnAnotherPort() {
        CommandRun moved = demo("--user", "bob", "--format", "xml", "--base-url", "http://127.0.0.1:18080");
        CommandRun standard = demo("--user", "bob", "--format", "xml");

        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(issuers(parse(moved.stdoutBytes()))).containsOnly("http://127.0.0.1:18080/saml2/metadata");
        assertThat(issuers(parse(standard.stdoutBytes()))).containsOnly("http://127.0.0.1:8080/saml2/metadata");
    }

    private static List<String> issuers(Document response) {
        List<String> values = new ArrayList<>();
        NodeList issuers = response.getElementsByTagNameNS(SAML, "Issuer");
        for (int i = 0; i < issuers.getLength(); i++) {
            values.add(issuers.item(i).getTextContent());
        }
        return values;
    }

    @Test
    void xmlOutputVerifiesWithXmlsec1AndTheCertificateOfMetadataExportAndFailsWhenOneValueChanges() throws Exception {
        Path cert = dir.resolve("idp.pem");
        CommandRun export = run("metadata", "export", "--sign", "--out", dir.resolve("md.xml").toString(),
                "--cert-out", cert.toString(), "--data-dir", data());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        CommandRun alice = demo("--user", "alice", "--format", "xml");
        Path xml = Files.write(dir.resolve("alice.xml"), alice.stdoutBytes());

        Xmlsec1 verified = xmlsec1(xml, cert);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("OK");

        String tampered = alice.stdoutText().replace(">alice@example.com<", ">alicf@example.com<");
        assertThat(tampered).isNotEqualTo(alice.stdoutText());
        Xmlsec1 refused = xmlsec1(Files.writeString(dir.resolve("tampered.xml"), tampered), cert);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
    }

    @Test
    void xmlOutputIsTheSignedDocumentAsSignedNeverReformatted() {
        CommandRun alice = demo("--user", "alice", "--format", "xml");

        String xml = alice.stdoutText();
        assertThat(xml).startsWith("<?xml").contains("<saml2p:Response").doesNotContain("\n  <")
                .doesNotContain(">\n<saml2:").doesNotEndWith("\n");
        assertThat(xml.substring(xml.indexOf("?>") + 2)).doesNotContain("\n");
    }

    @Test
    void base64IsTheDefaultOneLineAndDecodesToTheSignedResponseForAws() {
        CommandRun bob = demo("--user", "bob");

        assertThat(bob.exitCode()).as(bob.toString()).isZero();
        String out = bob.stdoutText();
        assertThat(out).endsWith("\n").hasLineCount(1);
        Document response = parse(Base64.getDecoder().decode(out.strip()));
        assertThat(response.getDocumentElement().getLocalName()).isEqualTo("Response");
        assertThat(response.getDocumentElement().getAttribute("Destination"))
                .isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(roles(response)).containsExactly("arn:aws:iam::444455556666:role/ReadOnly,"
                + "arn:aws:iam::444455556666:saml-provider/stsbridge");
    }

    @Test
    void formIsTheUrlEncodedPostBodyWithTheRelayState() {
        CommandRun form = demo("--user", "bob", "--format", "form", "--relay-state",
                "https://console.aws.amazon.com/s3/home?region=eu-west-1");

        assertThat(form.exitCode()).as(form.toString()).isZero();
        Map<String, String> fields = formFields(form.stdoutText().strip());
        assertThat(fields.keySet()).containsExactly("SAMLResponse", "RelayState");
        assertThat(fields.get("RelayState")).isEqualTo("https://console.aws.amazon.com/s3/home?region=eu-west-1");
        assertThat(roles(parse(Base64.getDecoder().decode(fields.get("SAMLResponse"))))).hasSize(1);
    }

    @Test
    void carolExplainedSaysSheHasNoAwsRolesAndNothingWouldBeSent() {
        CommandRun carol = demo("--user", "carol", "--explain");

        assertThat(carol.exitCode()).as(carol.toString()).isZero();
        assertThat(carol.out()).startsWith("user: carol\nroles (0): none\n")
                .contains("pre-flight: 1 violation; nothing would be sent\n"
                        + "  carol: at least one Role is required, was none\n")
                .contains("carol has no AWS roles: none of the 1 directory groups");
        assertThat(carol.stdoutBytes()).isEmpty();
    }

    @Test
    void aliceExplainedShowsHerRolesTagsAndAnOkVerdict() {
        CommandRun alice = demo("--user", "alice", "--explain");

        assertThat(alice.exitCode()).as(alice.toString()).isZero();
        assertThat(alice.out()).contains("roles (2):\n  " + PROD_ADMIN + "  (prod)\n  " + DEV_DEVELOPER + "  (dev)\n",
                "RoleSessionName: alice@example.com\n", "SourceIdentity: alice\n",
                "  PrincipalTag:department=engineering\n  PrincipalTag:team=platform\n", "pre-flight: OK\n");
    }

    @Test
    void carolWithoutExplainIsRefusedNamingTheRuleWithNothingOnStdout() {
        CommandRun carol = demo("--user", "carol", "--format", "xml");

        assertThat(carol.exitCode()).isEqualTo(ExitCodes.AWS_RULE);
        assertThat(carol.err()).isEqualTo("stsbridge: carol: at least one Role is required, was none\n");
        assertThat(carol.out()).isEmpty();
        assertThat(carol.stdoutBytes()).isEmpty();
    }

    @Test
    void configurationGivingA65CharacterRoleSessionNameIsRefusedNamingTheRule() throws Exception {
        Path config = writeConfig(demoYaml().replace("role-session-name: \"{mail}\"",
                "role-session-name: \"{mail}.{mail}.{mail}.{uid}-{uid}\""));

        CommandRun alice = run(Map.of(AssertionCommand.PASSWORD_VARIABLE, "wonderland"), "assertion", "--config",
                config.toString(), "--user", "alice", "--data-dir", data());

        assertThat(alice.exitCode()).as(alice.toString()).isEqualTo(ExitCodes.AWS_RULE);
        assertThat(alice.err()).isEqualTo("stsbridge: alice: RoleSessionName must match [\\w+=,.@-]{2,64}, was "
                + "\"alice@example.com.alice@example.com.alice@example.com.alice-alice\" (65 characters)\n");
        assertThat(alice.stdoutBytes()).isEmpty();
    }

    @Test
    void configurationWithTheRightPasswordSignsForTheAuthenticatedUser() throws Exception {
        Path config = writeConfig(demoYaml());

        CommandRun alice = run(Map.of(AssertionCommand.PASSWORD_VARIABLE, "wonderland"), "assertion", "--config",
                config.toString(), "--user", "alice", "--account", "111122223333", "--role", "Admin",
                "--data-dir", data());

        assertThat(alice.exitCode()).as(alice.toString()).isZero();
        assertThat(roles(parse(Base64.getDecoder().decode(alice.stdoutText().strip())))).containsExactly(PROD_ADMIN);
    }

    @Test
    void configurationWithAWrongPasswordIsOneLineThatDoesNotSayWhichWasWrong() throws Exception {
        Path config = writeConfig(demoYaml());

        CommandRun wrong = run(Map.of(AssertionCommand.PASSWORD_VARIABLE, "chocolate"), "assertion", "--config",
                config.toString(), "--user", "alice", "--data-dir", data());
        CommandRun unknown = run(Map.of(AssertionCommand.PASSWORD_VARIABLE, "chocolate"), "assertion", "--config",
                config.toString(), "--user", "mallory", "--data-dir", data());

        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(wrong.err()).isEqualTo("stsbridge: Invalid username or password\n");
        assertThat(unknown.err()).isEqualTo(wrong.err());
        assertThat(wrong.stdoutBytes()).isEmpty();
    }

    @Test
    void configurationWithoutPasswordOrTerminalSaysHowToGiveIt() throws Exception {
        Path config = writeConfig(demoYaml());

        CommandRun noPassword = run("assertion", "--config", config.toString(), "--user", "alice", "--data-dir", data());

        assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(noPassword.err()).isEqualTo("stsbridge: --config needs alice's password: set STSBRIDGE_PASSWORD,"
                + " or run in a terminal to be asked for it\n");
    }

    @Test
    void configurationThatIsInvalidIsOneLineNamingTheFileAndKey() throws Exception {
        Path config = writeConfig(demoYaml().replace("sign: assertion", "sign: everything"));

        CommandRun invalid = run(Map.of(AssertionCommand.PASSWORD_VARIABLE, "wonderland"), "assertion", "--config",
                config.toString(), "--user", "alice", "--data-dir", data());

        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(invalid.err()).startsWith("stsbridge: stsbridge.yaml line ").contains("assertion.sign")
                .hasLineCount(1);
    }

    @Test
    void firstUseGeneratesTheKeysAndSaysSoOnStderr() {
        Path fresh = dir.resolve("fresh");

        CommandRun bob = run("assertion", "--demo", "--user", "bob", "--data-dir", fresh.toString());

        assertThat(bob.exitCode()).as(bob.toString()).isZero();
        assertThat(bob.err()).isEqualTo("stsbridge: no keys yet: generated signing key signing-20261125T120000Z "
                + "(RSA-3072) in " + fresh.resolve("keys/idp-signing.p12") + "\n");
        assertThat(Files.exists(fresh.resolve("keys/idp-signing.p12"))).isTrue();
    }

    @Test
    void aRoleTheUserMayNotUseIsRefusedBeforeSigning() {
        CommandRun bob = demo("--user", "bob", "--account", "prod", "--role", "Admin");

        assertThat(bob.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(bob.err()).startsWith("stsbridge: ").contains("may not use").hasLineCount(1);
        assertThat(bob.stdoutBytes()).isEmpty();
    }

    @Test
    void anUnknownDemoUserIsNamed() {
        CommandRun dave = demo("--user", "dave");

        assertThat(dave.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(dave.err()).isEqualTo("stsbridge: no user 'dave' in the demo directory (try alice, bob or carol)\n");
    }

    @Test
    void accountWithoutRoleIsRefused() {
        CommandRun half = demo("--user", "alice", "--account", "prod");

        assertThat(half.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(half.err()).isEqualTo("stsbridge: --account and --role go together: give both, or neither for "
                + "every role of the user\n");
    }

    @Test
    void relayStateOutsideTheFormIsRefused() {
        CommandRun base64 = demo("--user", "bob", "--relay-state", "https://console.aws.amazon.com/");

        assertThat(base64.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(base64.err()).isEqualTo("stsbridge: --relay-state travels in the POST form beside the response, "
                + "not inside it: use it with --format form\n");
    }

    @Test
    void explainWithAFormatIsRefused() {
        CommandRun both = demo("--user", "bob", "--explain", "--format", "xml");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(both.err()).isEqualTo("stsbridge: --explain prints the claims, not a response: drop --format\n");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CommandRun pretty = demo("--user", "bob", "--format", "pretty");

        assertThat(pretty.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(pretty.err()).startsWith("stsbridge: Invalid value for option '--format': expected base64, xml or "
                + "form, was 'pretty'").hasLineCount(1);
    }

    @Test
    void demoAndConfigTogetherAreAUsageError() {
        CommandRun both = run("assertion", "--demo", "--config", "x.yaml", "--user", "alice");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(both.err()).startsWith("stsbridge: Error: --demo, --config=FILE are mutually exclusive")
                .hasLineCount(1);
    }

    @Test
    void neitherDemoNorConfigIsAUsageError() {
        CommandRun neither = run("assertion", "--user", "alice");

        assertThat(neither.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(neither.err()).startsWith("stsbridge: Error: Missing required argument").contains("--demo")
                .contains("--config").hasLineCount(1);
    }

    private Path writeConfig(String yaml) throws IOException {
        return Files.writeString(dir.resolve("stsbridge.yaml"), yaml);
    }

    private static String demoYaml() throws IOException {
        try (InputStream in = StsbridgeConfig.class.getClassLoader().getResourceAsStream(StsbridgeConfig.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private record Xmlsec1(int exitCode, String output) {
    }

    /** {@code xmlsec1 --verify --id-attr:ID <Assertion> --pubkey-cert-pem cert file}: Debian's xmlsec1, not Java. */
    private static Xmlsec1 xmlsec1(Path file, Path certificate) throws Exception {
        assertThat(Path.of("/usr/bin/xmlsec1")).as("xmlsec1 is needed: apt-get install xmlsec1").isExecutable();
        Process process = new ProcessBuilder("/usr/bin/xmlsec1", "--verify", "--id-attr:ID",
                "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", "--pubkey-cert-pem", certificate.toString(),
                file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Xmlsec1(process.exitValue(), output);
    }
}
