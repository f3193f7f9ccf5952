package dev.stsbridge.idp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StsbridgeConfigTest {

    /** A minimal valid configuration; line numbers in the tests below refer to it. */
    static final String MINIMAL = """
            entity-id: https://idp.example.com/saml
            base-url: https://idp.example.com
            directory:
              embedded:
                ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
              base-dn: dc=example,dc=com
            aws:
              accounts:
                - id: "111122223333"
                  name: prod
                  provider-name: stsbridge
                - id: "444455556666"
                  name: dev
                  provider-name: stsbridge
            """;

    private static StsbridgeConfig parse(String yaml) {
        return StsbridgeConfig.parse(yaml, "stsbridge.yaml", Path.of("/etc/stsbridge"));
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isExactlyInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void demoMatchesDesign() {
        StsbridgeConfig demo = StsbridgeConfig.demo();

        assertThat(demo.aws().accounts()).containsExactly(new AwsAccount("111122223333", "prod", "stsbridge"),
                new AwsAccount("444455556666", "dev", "stsbridge"));
        assertThat(demo.aws().partition()).isEqualTo(AwsPartition.AWS);
        assertThat(demo.aws().signinUrl()).isEqualTo(URI.create("https://signin.aws.amazon.com/saml"));
        assertThat(demo.aws().postUrl()).isEqualTo(URI.create("http://127.0.0.1:8090/saml"));
        assertThat(demo.aws().roleSessionName().toString()).isEqualTo("{mail}");
        assertThat(demo.aws().sourceIdentity()).map(Object::toString).contains("uid");
        assertThat(demo.aws().sessionTags()).containsExactly(TagRule.fromAttribute("department", "departmentNumber"),
                TagRule.fromAttribute("team", "ou"));
        assertThat(demo.directory().embedded()).isPresent();
        assertThat(demo.directory().groups().mode()).isEqualTo(GroupMode.SEARCH);
        assertThat(demo.nameId()).isEqualTo(NameIdFormat.PERSISTENT);
        assertThat(demo.assertion().validity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(demo.directoryAttributes()).contains("mail", "uid", "departmentNumber", "ou");
    }

    @Test
    void minimalConfigurationGetsTheDefaults() {
        StsbridgeConfig config = parse(MINIMAL);

        assertThat(config.aws().signinUrl()).isEqualTo(AwsPartition.GLOBAL_SIGNIN_URL);
        assertThat(config.aws().audience()).isEqualTo("urn:amazon:webservices");
        assertThat(config.aws().postUrl()).isEqualTo(AwsPartition.GLOBAL_SIGNIN_URL);
        assertThat(config.aws().roleSessionName().attributeNames()).containsExactly("uid");
        assertThat(config.directory().userFilter()).isEqualTo("(&(objectClass=inetOrgPerson)(uid={0}))");
        assertThat(config.directory().immutableId()).isEqualTo("entryUUID");
        assertThat(config.directory().groups().filter()).isEqualTo("(&(objectClass=groupOfNames)(member={dn}))");
        assertThat(config.directory().groupBaseDn()).isEqualTo("dc=example,dc=com");
        assertThat(config.assertion().sign()).isEqualTo(SignedParts.ASSERTION);
        assertThat(config.assertion().encryption().enabled()).isFalse();
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void accountIdNotTwelveDigitsNamesFileLineAndKey() {
        assertRefused(MINIMAL.replace("\"444455556666\"", "\"1234\""),
                "stsbridge.yaml line 12: aws.accounts[1].id: must be 12 digits, was \"1234\"");
    }

    @Test
    void accountIdWrittenAsAYamlNumberKeepsItsLeadingZero() {
        StsbridgeConfig config = parse(MINIMAL.replace("\"444455556666\"", "012345678901"));

        assertThat(config.aws().accounts().get(1).id()).isEqualTo("012345678901");
        assertRefused(MINIMAL.replace("\"444455556666\"", "1234"),
                "stsbridge.yaml line 12: aws.accounts[1].id: must be 12 digits, was \"1234\"");
    }

    @Test
    void unknownKeyIsAnErrorListingTheKnownKeys() {
        assertRefused(MINIMAL.replace("      provider-name: stsbridge\n    - id: \"444455556666\"",
                        "      provider-name: stsbridge\n      region: eu-west-1\n    - id: \"444455556666\""),
                "stsbridge.yaml line 12: aws.accounts[0].region: unknown key (known keys here: id, name, provider-name)");
    }

    @Test
    void misspeltRequiredKeyIsReportedAsTheUnknownKey() {
        assertRefused(MINIMAL.replace("  base-dn:", "  basedn:"), "stsbridge.yaml line 6: directory.basedn: unknown "
                + "key (known keys here: attributes, base-dn, embedded, groups, immutable-id, immutable-id-format, "
                + "ldap, user-filter)");
    }

    @Test
    void missingRequiredKeyNamesTheKeyAndItsParentsLine() {
        assertRefused(MINIMAL.replace("  base-dn: dc=example,dc=com\n", ""),
                "stsbridge.yaml line 3: directory.base-dn: is required");
        assertRefused(MINIMAL.replace("entity-id: https://idp.example.com/saml\n", ""),
                "stsbridge.yaml: entity-id: is required");
    }

    @Test
    void duplicateKeyIsAnError() {
        assertRefused(MINIMAL + "base-url: https://other.example.com\n",
                "stsbridge.yaml line 15: not valid YAML: Duplicate field 'base-url'");
    }

    @Test
    void wrongShapeSaysWhatWasExpected() {
        assertRefused(MINIMAL + "  roles: Admin\n", "stsbridge.yaml line 15: aws.roles: must be a list");
    }

    @Test
    void enumValueListsTheAllowedValues() {
        assertRefused(MINIMAL + "name-id: unspecified\n",
                "stsbridge.yaml line 15: name-id: must be one of persistent, transient, email, was \"unspecified\"");
    }

    @Test
    void duplicateAccountNameIsRefused() {
        assertRefused(MINIMAL.replace("name: dev", "name: prod"),
                "stsbridge.yaml line 13: aws.accounts[1].name: duplicates accounts[0].name, was \"prod\"");
    }

    @Test
    void roleRuleNamingAnUnknownAccountIsRefused() {
        assertRefused(MINIMAL + """
                  roles:
                    - group: cn=aws-admins,ou=groups,dc=example,dc=com
                      account: staging
                      role: Admin
                """, "stsbridge.yaml line 17: aws.roles[0].account: no account with id or name \"staging\" "
                + "(accounts: prod, dev)");
    }

    @Test
    void roleRuleWithBadGroupDnOrRoleNameIsRefused() {
        assertRefused(MINIMAL + """
                  roles:
                    - group: aws-admins
                      account: prod
                      role: Admin
                """, "stsbridge.yaml line 16: aws.roles[0].group: must be an LDAP distinguished name, was \"aws-admins\"");
        assertRefused(MINIMAL + """
                  roles:
                    - group: cn=aws-admins,dc=example,dc=com
                      account: prod
                      role: Admin Role
                """, "stsbridge.yaml line 18: aws.roles[0].role: must be an IAM role name ([\\w+=,.@-]{1,64}, "
                + "optionally after a path/), was \"Admin Role\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10|aws.session-duration: must be between 15m and 12h, was 10s",
        "13h|aws.session-duration: must be between 15m and 12h, was 13h",
        "soon|aws.session-duration: must be a duration such as 900, 90s, 15m, 12h or PT1H, was \"soon\""})
    void sessionDurationOutsideAwsRangeIsRefused(String value, String message) {
        assertRefused(MINIMAL + "  session-duration: " + value + "\n", "stsbridge.yaml line 15: " + message);
    }

    @Test
    void sessionDurationFormsAreEquivalent() {
        for (String form : List.of("3600", "3600s", "60m", "1h", "PT1H")) {
            assertThat(parse(MINIMAL + "  session-duration: " + form + "\n").aws().sessionDuration())
                    .as(form).contains(Duration.ofHours(1));
        }
    }

    @Test
    void tagRulesAreValidatedAtLoad() {
        assertRefused(MINIMAL + """
                  session-tags:
                    - key: team
                      attribute: ou
                    - key: Team
                      value: platform
                """, "stsbridge.yaml line 18: aws.session-tags[1].key: duplicates session-tags[0].key ignoring case, "
                + "was \"Team\"");
        assertRefused(MINIMAL + """
                  session-tags:
                    - key: aws:team
                      attribute: ou
                """, "stsbridge.yaml line 16: aws.session-tags[0].key: must not start with aws: (reserved by AWS), "
                + "was \"aws:team\"");
        assertRefused(MINIMAL + """
                  session-tags:
                    - key: team
                      attribute: ou
                      value: platform
                """, "stsbridge.yaml line 16: aws.session-tags[0]: must set exactly one of attribute or value");
        assertRefused(MINIMAL + """
                  session-tags:
                    - key: team
                      attribute: ou
                  transitive-tag-keys: [team, department]
                """, "stsbridge.yaml line 18: aws.transitive-tag-keys[1]: is not a session tag key, was \"department\"");
    }

    @Test
    void signinUrlMustBeAnAwsSamlEndpoint() {
        assertRefused(MINIMAL + "  signin-url: https://signin.example.com/saml\n", "stsbridge.yaml line 15: "
                + "aws.signin-url: must be an AWS SAML sign-in URL such as https://signin.aws.amazon.com/saml, "
                + "https://<region>.signin.aws.amazon.com/saml, https://signin.amazonaws.cn/saml or "
                + "https://signin.amazonaws-us-gov.com/saml, was \"https://signin.example.com/saml\"");
    }

    @ParameterizedTest
    @CsvSource({
        "https://signin.aws.amazon.com/saml, AWS",
        "https://us-east-1.signin.aws.amazon.com/saml, AWS",
        "https://ap-southeast-2.signin.aws.amazon.com/saml, AWS",
        "https://signin.aws.amazon.com/saml/acs/SAMLSPD4X5Q3W2, AWS",
        "https://signin.amazonaws.cn/saml, AWS_CN",
        "https://signin.amazonaws-us-gov.com/saml, AWS_US_GOV",
        "https://us-gov-west-1.signin.amazonaws-us-gov.com/saml, AWS_US_GOV"})
    void partitionFollowsTheSigninUrl(String url, AwsPartition partition) {
        assertThat(AwsPartition.ofSigninUrl(URI.create(url))).contains(partition);
    }

    @ParameterizedTest
    @CsvSource({
        "http://signin.aws.amazon.com/saml",
        "https://signin.aws.amazon.com/",
        "https://signin.aws.amazon.com:8443/saml",
        "https://signin.aws.amazon.com.evil.example/saml",
        "https://evil.example/signin.aws.amazon.com/saml",
        "https://signin.aws.amazon.com/saml?x=1"})
    void urlsThatAreNotAwsSigninEndpointsHaveNoPartition(String url) {
        assertThat(AwsPartition.ofSigninUrl(URI.create(url))).isEmpty();
    }

    @Test
    void signinPostUrlMayBePlainHttpOnlyOnLoopback() {
        assertThat(parse(MINIMAL + "  signin-post-url: http://127.0.0.1:8090/saml\n").aws().postUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8090/saml"));
        assertRefused(MINIMAL + "  signin-post-url: http://verifier.example.com/saml\n", "stsbridge.yaml line 15: "
                + "aws.signin-post-url: must use https unless the host is loopback, was "
                + "\"http://verifier.example.com/saml\"");
    }

    @Test
    void ldapBindPasswordMustNotBeInline() {
        assertRefused(MINIMAL.replace("""
                  embedded:
                    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
                """, """
                  ldap:
                    urls: [ldaps://ldap.example.com]
                    bind-dn: cn=stsbridge,ou=services,dc=example,dc=com
                    bind-password: hunter2
                """), "stsbridge.yaml line 7: directory.ldap.bind-password: inline secrets are not allowed; "
                + "write {env: NAME} or {file: PATH}");
    }

    @Test
    void ldapWithSecretReferencesLoads() {
        StsbridgeConfig config = parse(MINIMAL.replace("""
                  embedded:
                    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
                """, """
                  ldap:
                    urls: [ldaps://ldap1.example.com, "ldap://ldap2.example.com:389"]
                    start-tls: false
                    allow-plaintext: true
                    bind-dn: cn=stsbridge,ou=services,dc=example,dc=com
                    bind-password: {env: STSBRIDGE_LDAP_PASSWORD}
                    connect-timeout: 2s
                    max-connections: 4
                  groups:
                    mode: member-of
                    nested-depth: 2
                """));

        LdapServerConfig ldap = config.directory().ldap().orElseThrow();
        assertThat(ldap.urls()).hasSize(2);
        assertThat(ldap.bindPassword()).contains(SecretRef.fromEnv("STSBRIDGE_LDAP_PASSWORD"));
        assertThat(ldap.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ldap.responseTimeout()).isEqualTo(LdapServerConfig.DEFAULT_RESPONSE_TIMEOUT);
        assertThat(ldap.maxConnections()).isEqualTo(4);
        assertThat(config.directory().groups().mode()).isEqualTo(GroupMode.MEMBER_OF);
        assertThat(config.directory().groups().nestedDepth()).isEqualTo(2);
    }

    @Test
    void plaintextLdapToARemoteHostIsRefusedUnlessAllowed() {
        assertRefused(MINIMAL.replace("""
                  embedded:
                    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
                """, """
                  ldap:
                    urls: [ldap://ldap.example.com]
                """), "stsbridge.yaml line 5: directory.ldap.urls[0]: sends passwords in clear text to "
                + "ldap.example.com; use ldaps://, start-tls: true, or (only on a trusted network) allow-plaintext: true");
    }

    @Test
    void directoryMustBeExactlyOneKind() {
        assertRefused(MINIMAL.replace("""
                  embedded:
                    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
                """, ""), "stsbridge.yaml line 3: directory: must set exactly one of embedded or ldap");
    }

    @Test
    void filterTemplatesMustParseAndUseTheirPlaceholder() {
        assertRefused(MINIMAL.replace("  base-dn: dc=example,dc=com\n",
                        "  base-dn: dc=example,dc=com\n  user-filter: (uid=alice)\n"),
                "stsbridge.yaml line 7: directory.user-filter: must contain {0}, was \"(uid=alice)\"");
        assertRefused(MINIMAL.replace("  base-dn: dc=example,dc=com\n",
                        "  base-dn: dc=example,dc=com\n  user-filter: (&(uid={0})\n"),
                "stsbridge.yaml line 7: directory.user-filter: is not an LDAP filter (Unable to parse string "
                        + "'(&(uid=x)' as an LDAP filter because a closing parenthesis was expected in the filter "
                        + "component starting at position 2.), was \"(&(uid={0})\"");
    }

    @Test
    void roleSessionNameTemplateMustBeWellFormed() {
        assertRefused(MINIMAL + "  role-session-name: \"{mail\"\n", "stsbridge.yaml line 15: aws.role-session-name: "
                + "braces must enclose attribute names, as in {mail}, was \"{mail\"");
        assertRefused(MINIMAL + "  role-session-name: \"{first name}\"\n", "stsbridge.yaml line 15: "
                + "aws.role-session-name: {first name} is not an attribute name in \"{first name}\"");
    }

    @Test
    void encryptionNeedsAReadableSpCertificate() {
        assertRefused(MINIMAL + "assertion:\n  encryption:\n    enabled: true\n",
                "stsbridge.yaml line 16: assertion.encryption.sp-certificate: is required when encryption is enabled");
    }

    @Test
    void emptyOrNonMappingFileIsRefused() {
        assertRefused("", "stsbridge.yaml: is empty");
        assertRefused("# only a comment\n", "stsbridge.yaml: is empty");
        assertRefused("- a\n- b\n", "stsbridge.yaml line 1: must be a mapping of keys to values");
    }

    @Test
    void loadResolvesRelativePathsAgainstTheFilesDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("people.ldif"), "dn: dc=example,dc=com\nobjectClass: top\n");
        Path file = Files.writeString(dir.resolve("stsbridge.yaml"), MINIMAL
                .replace("classpath:dev/stsbridge/idp/demo/demo.ldif", "people.ldif") + "data-dir: state\n");

        StsbridgeConfig config = StsbridgeConfig.load(file);

        assertThat(config.directory().embedded().orElseThrow().ldif().file()).contains(dir.resolve("people.ldif"));
        assertThat(config.dataDir()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void loadWhenReferencedFileMissingNamesKeyAndPath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("stsbridge.yaml"), MINIMAL
                .replace("classpath:dev/stsbridge/idp/demo/demo.ldif", "missing.ldif"));

        assertThatThrownBy(() -> StsbridgeConfig.load(file)).isExactlyInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 5: directory.embedded.ldif: no readable file " + dir.resolve("missing.ldif"));
    }

    @Test
    void loadWhenFileMissingOrNotUtf8ThenRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> StsbridgeConfig.load(dir.resolve("nope.yaml"))).isExactlyInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nope.yaml") + ": no such file");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
        assertThatThrownBy(() -> StsbridgeConfig.load(latin1)).isExactlyInstanceOf(ConfigException.class)
                .hasMessage("latin1.yaml: is not UTF-8 text");
    }

    @Test
    void secretsResolveFromEnvironmentOrFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ldap.pw"), "s3cret\n");

        assertThat(SecretRef.fromEnv("LDAP_PW").resolve("bind-password", Map.of("LDAP_PW", "from-env")))
                .isEqualTo("from-env".toCharArray());
        assertThat(SecretRef.fromFile(file).resolve("bind-password", Map.of())).isEqualTo("s3cret".toCharArray());
        assertThatThrownBy(() -> SecretRef.fromEnv("LDAP_PW").resolve("directory.ldap.bind-password", Map.of()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("directory.ldap.bind-password: environment variable LDAP_PW is not set");
        assertThatThrownBy(() -> SecretRef.fromFile(dir.resolve("none")).resolve("bind-password", Map.of()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bind-password: cannot read secret file " + dir.resolve("none"));
    }

    @Test
    void secretReferenceNeedsExactlyOneSource() {
        assertThatThrownBy(() -> new SecretRef(Optional.of("A"), Optional.of(Path.of("b"))))
                .isExactlyInstanceOf(InvalidConfigValueException.class)
                .hasMessage("must name exactly one of env or file, e.g. {env: NAME}");
    }

    @Test
    void bundledExampleForActiveDirectoryLoads(@TempDir Path dir) throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/stsbridge/idp/config/stsbridge.example.yaml")) {
            Files.copy(in, dir.resolve("stsbridge.yaml"));
        }
        Files.writeString(dir.resolve("corp-ca.pem"), "placeholder; read when connecting\n");

        StsbridgeConfig example = StsbridgeConfig.load(dir.resolve("stsbridge.yaml"));

        assertThat(example.directory().ldap().orElseThrow().trustStore()).contains(dir.resolve("corp-ca.pem"));
        assertThat(example.directory().immutableIdFormat()).isEqualTo(ImmutableIdFormat.GUID);
        assertThat(example.aws().roles()).extracting(RoleRule::role).containsExactly("Admin", "engineering/Developer");
        assertThat(example.directoryAttributes()).containsExactly("mail", "sAMAccountName", "department", "title");
    }
}
