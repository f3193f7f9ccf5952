package dev.stsbridge.idp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.idp.config.AwsPartition;

/** One test per rule of the pre-flight check, each asserting the exact message. */
class AwsRulesTest {

    private static final AwsRules RULES = new AwsRules(AwsPartition.AWS);
    private static final AwsRolePair ADMIN = new AwsRolePair("arn:aws:iam::111122223333:role/Admin",
            "arn:aws:iam::111122223333:saml-provider/stsbridge", "prod");

    /** Claims that pass every rule; each test breaks one thing. */
    private static AwsClaims valid() {
        return new AwsClaims("alice", List.of(ADMIN), "alice@example.com", Optional.of(3600), Optional.of("alice"),
                List.of(new SessionTag("department", "engineering"), new SessionTag("team", "platform")),
                List.of("department"));
    }

    private static AwsClaims withRoles(AwsRolePair... roles) {
        AwsClaims v = valid();
        return new AwsClaims(v.username(), List.of(roles), v.roleSessionName(), v.sessionDurationSeconds(),
                v.sourceIdentity(), v.tags(), v.transitiveTagKeys());
    }

    private static AwsClaims withSessionName(String name) {
        AwsClaims v = valid();
        return new AwsClaims(v.username(), v.roles(), name, v.sessionDurationSeconds(), v.sourceIdentity(), v.tags(),
                v.transitiveTagKeys());
    }

    private static AwsClaims withSourceIdentity(String sourceIdentity) {
        AwsClaims v = valid();
        return new AwsClaims(v.username(), v.roles(), v.roleSessionName(), v.sessionDurationSeconds(),
                Optional.of(sourceIdentity), v.tags(), v.transitiveTagKeys());
    }

    private static AwsClaims withDuration(int seconds) {
        AwsClaims v = valid();
        return new AwsClaims(v.username(), v.roles(), v.roleSessionName(), Optional.of(seconds), v.sourceIdentity(),
                v.tags(), v.transitiveTagKeys());
    }

    private static AwsClaims withTags(List<SessionTag> tags, List<String> transitive) {
        AwsClaims v = valid();
        return new AwsClaims(v.username(), v.roles(), v.roleSessionName(), v.sessionDurationSeconds(),
                v.sourceIdentity(), tags, transitive);
    }

    private static List<String> messages(AwsClaims claims) {
        return RULES.check(claims).stream().map(AwsRuleViolation::message).toList();
    }

    @Test
    void validClaimsPassEveryRule() {
        assertThat(RULES.check(valid())).isEmpty();
    }

    @Test
    void optionalAttributesMayBeAbsent() {
        AwsClaims bare = new AwsClaims("bob", List.of(ADMIN), "bob", Optional.empty(), Optional.empty(), List.of(),
                List.of());

        assertThat(RULES.check(bare)).isEmpty();
    }

    @Test
    void checkWhenNoRoleThenRoleRequired() {
        assertThat(RULES.check(withRoles())).containsExactly(
                new AwsRuleViolation("alice", AwsRule.ROLE_REQUIRED, "none"));
        assertThat(messages(withRoles())).containsExactly("alice: at least one Role is required, was none");
    }

    @Test
    void checkWhenRoleArnMalformedThenRoleArn() {
        AwsRolePair pair = new AwsRolePair("arn:aws:iam::111122223333:user/Admin",
                "arn:aws:iam::111122223333:saml-provider/stsbridge", "prod");

        assertThat(messages(withRoles(pair))).containsExactly("alice: Role ARN must be "
                + "arn:<partition>:iam::<12-digit account>:role/<name>, was \"arn:aws:iam::111122223333:user/Admin\"");
    }

    @Test
    void checkWhenRoleArnHasSpaceOrShortAccountThenRoleArn() {
        AwsRolePair spaced = new AwsRolePair("arn:aws:iam::111122223333:role/Admin ",
                "arn:aws:iam::111122223333:saml-provider/stsbridge", "prod");
        AwsRolePair shortAccount = new AwsRolePair("arn:aws:iam::1111222233:role/Admin",
                "arn:aws:iam::111122223333:saml-provider/stsbridge", "prod");

        assertThat(RULES.check(withRoles(spaced, shortAccount))).extracting(AwsRuleViolation::rule)
                .containsExactly(AwsRule.ROLE_ARN, AwsRule.ROLE_ARN);
    }

    @Test
    void checkWhenProviderArnMalformedThenProviderArn() {
        AwsRolePair pair = new AwsRolePair("arn:aws:iam::111122223333:role/Admin",
                "arn:aws:iam::111122223333:saml-provider/st$bridge", "prod");

        assertThat(messages(withRoles(pair))).containsExactly("alice: SAML provider ARN must be "
                + "arn:<partition>:iam::<12-digit account>:saml-provider/<name>, was "
                + "\"arn:aws:iam::111122223333:saml-provider/st$bridge\"");
    }

    @Test
    void checkWhenArnInAnotherPartitionThenPartition() {
        AwsRolePair pair = new AwsRolePair("arn:aws-cn:iam::111122223333:role/Admin",
                "arn:aws:iam::111122223333:saml-provider/stsbridge", "prod");

        assertThat(messages(withRoles(pair))).containsExactly("alice: Role and SAML provider ARNs must be in the "
                + "partition of aws.signin-url, was \"arn:aws-cn:iam::111122223333:role/Admin\" (partition aws-cn, "
                + "expected aws)");
    }

    @Test
    void checkWhenRoleAndProviderInDifferentAccountsThenSameAccount() {
        AwsRolePair pair = new AwsRolePair("arn:aws:iam::111122223333:role/Admin",
                "arn:aws:iam::444455556666:saml-provider/stsbridge", "prod");

        assertThat(messages(withRoles(pair))).containsExactly("alice: Role and SAML provider must be in the same "
                + "account, was \"arn:aws:iam::111122223333:role/Admin,arn:aws:iam::444455556666:saml-provider/"
                + "stsbridge\"");
    }

    @Test
    void checkWhenRoleSessionNameIs65CharactersThenRoleSessionName() {
        String name = "a" + "b".repeat(63) + "z";

        assertThat(messages(withSessionName(name))).containsExactly("alice: RoleSessionName must match "
                + "[\\w+=,.@-]{2,64}, was \"" + name + "\" (65 characters)");
    }

    @Test
    void checkWhenRoleSessionNameHasSpaceOrIsTooShortOrEmptyThenRoleSessionName() {
        assertThat(messages(withSessionName("Alice Liddell"))).containsExactly("alice: RoleSessionName must match "
                + "[\\w+=,.@-]{2,64}, was \"Alice Liddell\" (13 characters)");
        assertThat(messages(withSessionName("a"))).containsExactly("alice: RoleSessionName must match "
                + "[\\w+=,.@-]{2,64}, was \"a\" (1 characters)");
        assertThat(messages(withSessionName(""))).containsExactly("alice: RoleSessionName must match "
                + "[\\w+=,.@-]{2,64}, was \"\" (0 characters)");
        assertThat(RULES.check(withSessionName("x@y.com+tag=1,2_-"))).isEmpty();
    }

    @Test
    void checkWhenSourceIdentityHasForbiddenCharacterThenSourceIdentity() {
        assertThat(messages(withSourceIdentity("alice/admin"))).containsExactly("alice: SourceIdentity must match "
                + "[\\w+=,.@-]{2,64}, was \"alice/admin\" (11 characters)");
    }

    @Test
    void checkWhenSourceIdentityStartsWithAwsThenSourceIdentityPrefix() {
        assertThat(messages(withSourceIdentity("AWS:alice"))).containsExactly("alice: SourceIdentity must match "
                + "[\\w+=,.@-]{2,64}, was \"AWS:alice\" (9 characters)",
                "alice: SourceIdentity must not start with aws:, was \"AWS:alice\"");
    }

    @Test
    void checkWhenSessionDurationOutOfRangeThenSessionDuration() {
        assertThat(messages(withDuration(899))).containsExactly(
                "alice: SessionDuration must be between 900 and 43200 seconds, was 899");
        assertThat(messages(withDuration(43201))).containsExactly(
                "alice: SessionDuration must be between 900 and 43200 seconds, was 43201");
        assertThat(RULES.check(withDuration(900))).isEmpty();
        assertThat(RULES.check(withDuration(43200))).isEmpty();
    }

    @Test
    void checkWhenMoreThan50TagsThenTagCount() {
        List<SessionTag> tags = IntStream.range(0, 51).mapToObj(i -> new SessionTag("k" + i, "v")).toList();

        assertThat(messages(withTags(tags, List.of()))).containsExactly(
                "alice: at most 50 session tags are allowed, was 51 tags");
        assertThat(RULES.check(withTags(tags.subList(0, 50), List.of()))).isEmpty();
    }

    @Test
    void checkWhenTagKeyHasForbiddenCharacterOrLengthThenTagKey() {
        String long129 = "k".repeat(129);

        assertThat(messages(withTags(List.of(new SessionTag("cost&center", "1")), List.of()))).containsExactly(
                "alice: session tag key must be 1-128 letters, digits, spaces or _.:/=+-@, was \"cost&center\" "
                        + "(11 characters)");
        assertThat(messages(withTags(List.of(new SessionTag(long129, "1")), List.of()))).containsExactly(
                "alice: session tag key must be 1-128 letters, digits, spaces or _.:/=+-@, was \"" + long129
                        + "\" (129 characters)");
        assertThat(messages(withTags(List.of(new SessionTag("", "1")), List.of()))).containsExactly(
                "alice: session tag key must be 1-128 letters, digits, spaces or _.:/=+-@, was \"\" (0 characters)");
        assertThat(RULES.check(withTags(List.of(new SessionTag("Abteilung für Ärger 2:a/b=c+d-e@f_g.h", "x")),
                List.of()))).isEmpty();
    }

    @Test
    void checkWhenTagKeyStartsWithAwsIgnoringCaseThenTagKeyPrefix() {
        assertThat(messages(withTags(List.of(new SessionTag("Aws:team", "platform")), List.of()))).containsExactly(
                "alice: session tag key must not start with aws:, was \"Aws:team\"");
    }

    @Test
    void checkWhenTwoTagKeysEqualIgnoringCaseThenTagKeyDuplicate() {
        List<SessionTag> tags = List.of(new SessionTag("team", "platform"), new SessionTag("Team", "security"));

        assertThat(messages(withTags(tags, List.of()))).containsExactly(
                "alice: session tag keys must differ ignoring case, was \"Team\" (and \"team\")");
    }

    @Test
    void checkWhenTagValueTooLongOrForbiddenCharacterThenTagValue() {
        String long257 = "v".repeat(257);

        assertThat(messages(withTags(List.of(new SessionTag("department", "R&D")), List.of()))).containsExactly(
                "alice: session tag value must be 0-256 letters, digits, spaces or _.:/=+-@, was \"R&D\" "
                        + "(tag department, 3 characters)");
        assertThat(messages(withTags(List.of(new SessionTag("department", long257)), List.of()))).containsExactly(
                "alice: session tag value must be 0-256 letters, digits, spaces or _.:/=+-@, was \"" + long257
                        + "\" (tag department, 257 characters)");
        assertThat(RULES.check(withTags(List.of(new SessionTag("department", "")), List.of()))).isEmpty();
    }

    @Test
    void checkWhenTransitiveKeyIsNotATagThenTransitiveKey() {
        assertThat(messages(withTags(valid().tags(), List.of("cost-center")))).containsExactly(
                "alice: transitive tag keys must name session tags, was \"cost-center\"");
        assertThat(RULES.check(withTags(valid().tags(), List.of("DEPARTMENT")))).isEmpty();
    }

    @Test
    void checkWhenMoreThan50TransitiveKeysThenTransitiveCount() {
        List<SessionTag> tags = IntStream.range(0, 50).mapToObj(i -> new SessionTag("k" + i, "v")).toList();
        List<String> keys = new ArrayList<>(tags.stream().map(SessionTag::key).toList());
        keys.add("k0");

        assertThat(messages(withTags(tags, keys))).containsExactly(
                "alice: at most 50 transitive tag keys are allowed, was 51 keys");
    }

    @Test
    void controlCharactersInValuesAreShownEscaped() {
        assertThat(messages(withSessionName("al\nice"))).containsExactly("alice: RoleSessionName must match "
                + "[\\w+=,.@-]{2,64}, was \"al\\u000aice\" (6 characters)");
    }

    @Test
    void everyBrokenRuleIsReportedNotJustTheFirst() {
        AwsClaims bad = new AwsClaims("mallory", List.of(), "x", Optional.of(60), Optional.of("aws:x"),
                List.of(new SessionTag("aws:k", "v")), List.of("nope"));

        assertThat(RULES.check(bad)).extracting(AwsRuleViolation::rule).containsExactly(AwsRule.ROLE_REQUIRED,
                AwsRule.ROLE_SESSION_NAME, AwsRule.SOURCE_IDENTITY, AwsRule.SOURCE_IDENTITY_PREFIX,
                AwsRule.SESSION_DURATION,
                AwsRule.TAG_KEY_PREFIX, AwsRule.TRANSITIVE_KEY);
    }
}
