package dev.stsbridge.idp.claims;

import static dev.stsbridge.idp.claims.TestUsers.alice;
import static dev.stsbridge.idp.claims.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stsbridge.idp.config.AwsAccount;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.config.RoleRule;
import dev.stsbridge.idp.config.TagRule;
import dev.stsbridge.idp.config.ValueTemplate;
import dev.stsbridge.idp.directory.DirectoryUser;

class AwsClaimsResolverTest {

    static final String PROD_ADMIN = "arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge";
    static final String DEV_DEVELOPER =
            "arn:aws:iam::444455556666:role/Developer,arn:aws:iam::444455556666:saml-provider/stsbridge";
    static final String DEV_READONLY =
            "arn:aws:iam::444455556666:role/ReadOnly,arn:aws:iam::444455556666:saml-provider/stsbridge";

    /** Accounts listed dev first, to show that pairs are sorted by account ID, not by configuration order. */
    static final List<AwsAccount> ACCOUNTS = List.of(new AwsAccount("444455556666", "dev", "stsbridge"),
            new AwsAccount("111122223333", "prod", "stsbridge"));

    static RoleRule rule(String groupCn, String account, String role, Duration duration) {
        return new RoleRule("cn=" + groupCn + TestUsers.GROUPS, account, role, Optional.ofNullable(duration));
    }

    static final List<RoleRule> ROLES = List.of(
            rule("aws-dev-developer", "dev", "Developer", null),
            rule("aws-prod-admin", "111122223333", "Admin", null),
            rule("aws-dev-readonly", "dev", "ReadOnly", null));

    static AwsConfig aws(URI signinUrl, List<RoleRule> roles, List<TagRule> tags, List<String> transitive,
                         Duration defaultDuration) {
        return new AwsConfig(signinUrl, Optional.empty(), null, ACCOUNTS, roles, ValueTemplate.parse("{mail}"),
                Optional.of(ValueTemplate.parse("uid")), tags, transitive, Optional.ofNullable(defaultDuration));
    }

    static AwsConfig aws(List<RoleRule> roles, Duration defaultDuration) {
        return aws(null, roles, List.of(), List.of(), defaultDuration);
    }

    static Stream<Arguments> rolePairCases() {
        return Stream.of(
                Arguments.of("multi-account: both accounts, sorted by account ID", alice(),
                        List.of(PROD_ADMIN, DEV_DEVELOPER)),
                Arguments.of("one group", user("bob", Map.of(), "aws-dev-readonly", "staff"), List.of(DEV_READONLY)),
                Arguments.of("no groups at all", user("nobody", Map.of()), List.of()),
                Arguments.of("groups, none mapped", user("carol", Map.of(), "staff"), List.of()),
                Arguments.of("group DN differing in case and spacing",
                        user("eve", Map.of(), "CN=AWS-Prod-Admin, OU=Groups, DC=Example,DC=COM"), List.of(PROD_ADMIN)),
                Arguments.of("a group whose name only looks similar", user("mallory", Map.of(),
                        "cn=aws-prod-admin,ou=other,dc=example,dc=com", "cn=aws-prod-admins" + TestUsers.GROUPS),
                        List.of()),
                Arguments.of("an unparseable group DN is ignored", user("frank", Map.of(), "not a dn",
                        "aws-dev-readonly"), List.of(DEV_READONLY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rolePairCases")
    void rolePairsFromGroups(String name, DirectoryUser user, List<String> expected) {
        AwsClaims claims = new AwsClaimsResolver(aws(ROLES, null)).resolve(user);

        assertThat(claims.roles()).extracting(AwsRolePair::attributeValue).containsExactlyElementsOf(expected);
    }

    @Test
    void rolePairsCarryAccountNamesForThePortal() {
        AwsClaims claims = new AwsClaimsResolver(aws(ROLES, null)).resolve(alice());

        assertThat(claims.roles()).extracting(AwsRolePair::accountName).containsExactly("prod", "dev");
    }

    @Test
    void whenTwoGroupsGiveTheSameRoleThenOnePairWithTheShorterLimit() {
        List<RoleRule> roles = List.of(rule("aws-prod-admin", "prod", "Admin", Duration.ofHours(8)),
                rule("staff", "prod", "Admin", Duration.ofHours(2)));

        AwsClaims claims = new AwsClaimsResolver(aws(roles, null)).resolve(alice());

        assertThat(claims.roles()).extracting(AwsRolePair::attributeValue).containsExactly(PROD_ADMIN);
        assertThat(claims.sessionDurationSeconds()).contains(7200);
    }

    @Test
    void whenRolesHaveDifferentLimitsThenShortestForAllAndOwnForOne() {
        List<RoleRule> roles = List.of(rule("aws-prod-admin", "prod", "Admin", Duration.ofHours(12)),
                rule("aws-dev-developer", "dev", "Developer", Duration.ofHours(1)));
        AwsClaimsResolver resolver = new AwsClaimsResolver(aws(roles, Duration.ofHours(4)));

        Resolution all = resolver.resolveWithNotes(alice());

        assertThat(all.claims().sessionDurationSeconds()).contains(3600);
        assertThat(all.notes()).contains("SessionDuration 3600 is the shortest of the roles' limits (Admin 12h, "
                + "Developer 1h); signing in to one role uses that role's own limit");
        assertThat(resolver.resolveFor(alice(), "arn:aws:iam::111122223333:role/Admin").claims())
                .satisfies(c -> {
                    assertThat(c.sessionDurationSeconds()).contains(43200);
                    assertThat(c.roles()).extracting(AwsRolePair::attributeValue).containsExactly(PROD_ADMIN);
                });
    }

    @Test
    void whenRoleHasNoOwnLimitThenDefaultApplies() {
        List<RoleRule> roles = List.of(rule("aws-prod-admin", "prod", "Admin", Duration.ofHours(12)),
                rule("aws-dev-developer", "dev", "Developer", null));
        AwsClaimsResolver resolver = new AwsClaimsResolver(aws(roles, Duration.ofHours(2)));

        assertThat(resolver.resolve(alice()).sessionDurationSeconds()).contains(7200);
        assertThat(resolver.resolveFor(alice(), "arn:aws:iam::444455556666:role/Developer").claims()
                .sessionDurationSeconds()).contains(7200);
    }

    @Test
    void whenNoLimitAnywhereThenSessionDurationNotSent() {
        Resolution resolution = new AwsClaimsResolver(aws(ROLES, null)).resolveWithNotes(alice());

        assertThat(resolution.claims().sessionDurationSeconds()).isEmpty();
        assertThat(resolution.notes()).contains("SessionDuration: role arn:aws:iam::111122223333:role/Admin has no "
                + "session-duration and aws.session-duration is not set; AWS applies the role's own maximum");
    }

    @Test
    void resolveForAccountNameAndRoleNameAsThePortalSendsThem() {
        AwsClaimsResolver resolver = new AwsClaimsResolver(aws(ROLES, null));

        assertThat(resolver.resolveFor(alice(), "dev", "Developer").claims().roles())
                .extracting(AwsRolePair::attributeValue).containsExactly(DEV_DEVELOPER);
        assertThat(resolver.resolveFor(alice(), "111122223333", "Admin").claims().roles())
                .extracting(AwsRolePair::attributeValue).containsExactly(PROD_ADMIN);
        assertThatThrownBy(() -> resolver.resolveFor(alice(), "staging", "Admin"))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("no AWS account staging in aws.accounts");
        assertThatThrownBy(() -> resolver.resolveFor(alice(), "dev", "ReadOnly"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("alice may not use arn:aws:iam::444455556666:role/ReadOnly");
    }

    @Test
    void resolveForWhenRoleNotAllowedThenRefused() {
        AwsClaimsResolver resolver = new AwsClaimsResolver(aws(ROLES, null));

        assertThatThrownBy(() -> resolver.resolveFor(alice(), "arn:aws:iam::444455556666:role/ReadOnly"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("alice may not use arn:aws:iam::444455556666:role/ReadOnly");
    }

    @Test
    void userWithoutAwsGroupsGetsNoRolesAndANoteSayingSo() {
        Resolution carol = new AwsClaimsResolver(aws(ROLES, null)).resolveWithNotes(user("carol", Map.of(), "staff"));

        assertThat(carol.claims().roles()).isEmpty();
        assertThat(carol.notes()).contains("carol has no AWS roles: none of the 1 directory groups "
                + "[cn=staff,ou=groups,dc=example,dc=com] matches aws.roles");
    }

    static Stream<Arguments> partitionCases() {
        return Stream.of(
                Arguments.of("https://signin.aws.amazon.com/saml", "aws"),
                Arguments.of("https://eu-central-1.signin.aws.amazon.com/saml", "aws"),
                Arguments.of("https://signin.amazonaws.cn/saml", "aws-cn"),
                Arguments.of("https://signin.amazonaws-us-gov.com/saml", "aws-us-gov"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("partitionCases")
    void arnsUseThePartitionOfTheSigninUrl(String signinUrl, String partition) {
        AwsConfig aws = aws(URI.create(signinUrl), ROLES, List.of(), List.of(), null);

        AwsClaims claims = new AwsClaimsResolver(aws).resolve(user("bob", Map.of(), "aws-dev-readonly"));

        assertThat(claims.roles()).extracting(AwsRolePair::attributeValue).containsExactly("arn:" + partition
                + ":iam::444455556666:role/ReadOnly,arn:" + partition + ":iam::444455556666:saml-provider/stsbridge");
    }

    @Test
    void roleWithPathBecomesPartOfTheArn() {
        AwsConfig aws = aws(List.of(rule("staff", "dev", "engineering/ReadOnly", null)), null);

        assertThat(new AwsClaimsResolver(aws).resolve(alice()).roles().get(0).roleArn())
                .isEqualTo("arn:aws:iam::444455556666:role/engineering/ReadOnly");
    }

    static final List<TagRule> TAGS = List.of(TagRule.fromAttribute("department", "departmentNumber"),
            TagRule.fromAttribute("team", "ou"), TagRule.constant("idp", "stsbridge"));

    static Stream<Arguments> tagCases() {
        return Stream.of(
                Arguments.of("all attributes present", alice(),
                        List.of("department=engineering", "team=platform", "idp=stsbridge"), List.of("team"), List.of()),
                Arguments.of("attribute missing: tag and its transitive key omitted",
                        user("bob", Map.of("departmentNumber", List.of("operations"))),
                        List.of("department=operations", "idp=stsbridge"), List.of(),
                        List.of("tag team omitted: attribute ou missing",
                                "transitive tag key team dropped: tag team omitted")),
                Arguments.of("multi-valued attribute: first value",
                        user("dave", Map.of("departmentNumber", List.of("research", "sales"), "ou", List.of("lab"))),
                        List.of("department=research", "team=lab", "idp=stsbridge"), List.of("team"),
                        List.of("tag department: attribute departmentNumber has 2 values; using the first, "
                                + "\"research\" (AWS takes one value)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tagCases")
    void sessionTagsFromAttributesAndConstants(String name, DirectoryUser user, List<String> tags,
                                               List<String> transitive, List<String> notes) {
        AwsConfig aws = aws(null, ROLES, TAGS, List.of("team"), null);

        Resolution resolution = new AwsClaimsResolver(aws).resolveWithNotes(user);

        assertThat(resolution.claims().tags()).extracting(t -> t.key() + "=" + t.value()).containsExactlyElementsOf(tags);
        assertThat(resolution.claims().transitiveTagKeys()).containsExactlyElementsOf(transitive);
        assertThat(resolution.notes()).containsAll(notes);
    }

    @Test
    void roleSessionNameAndSourceIdentityFromTemplateAndAttribute() {
        AwsConfig aws = new AwsConfig(null, Optional.empty(), null, ACCOUNTS, ROLES, ValueTemplate.parse("{uid}.{ou}"),
                Optional.of(ValueTemplate.parse("uid")), List.of(), List.of(), Optional.empty());

        AwsClaims claims = new AwsClaimsResolver(aws).resolve(alice());

        assertThat(claims.roleSessionName()).isEqualTo("alice.platform");
        assertThat(claims.sourceIdentity()).contains("alice");
    }

    @Test
    void whenRoleSessionNameAttributeMissingThenEmptyWithNoteAndSourceIdentityOmitted() {
        Resolution resolution = new AwsClaimsResolver(aws(ROLES, null)).resolveWithNotes(
                user("grace", Map.of(), "aws-dev-readonly"));

        assertThat(resolution.claims().roleSessionName()).isEmpty();
        assertThat(resolution.claims().sourceIdentity()).isEmpty();
        assertThat(resolution.notes()).contains("RoleSessionName omitted: attribute mail missing",
                "SourceIdentity omitted: attribute uid missing");
    }
}
