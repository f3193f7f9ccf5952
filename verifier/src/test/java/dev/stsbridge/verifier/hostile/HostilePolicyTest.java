package dev.stsbridge.verifier.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.policy.Decision;
import dev.stsbridge.verifier.policy.Policy;
import dev.stsbridge.verifier.policy.PolicyEngine;
import dev.stsbridge.verifier.policy.PolicyGrammar;
import dev.stsbridge.verifier.policy.PolicySet;
import dev.stsbridge.verifier.policy.PolicySourceType;
import dev.stsbridge.verifier.policy.RequestContext;
import dev.stsbridge.verifier.policy.Requester;
import dev.stsbridge.verifier.policy.SourcedPolicy;

/**
 * Policies and request values crafted to trick the engine: values that look like variables or wildcards, host
 * names where addresses belong, documents that would exhaust the parser, look-alike effects and keys.
 */
class HostilePolicyTest {
    private static final Requester ALICE = Requester.roleSession("arn:aws:sts::111122223333:assumed-role/Admin/alice",
            "arn:aws:iam::111122223333:role/Admin", "111122223333");

    private static Decision decide(String document, String action, String resource, Map<String, List<String>> keys) {
        SourcedPolicy policy = new SourcedPolicy("p", PolicySourceType.NONE, Policy.parse(document, PolicyGrammar.IDENTITY));
        return new PolicyEngine().evaluate(PolicySet.identityOnly(List.of(policy)),
                RequestContext.of(ALICE, action, resource, keys)).decision();
    }

    private static String allowIf(String resource, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\""
                + resource + "\"" + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    @Test
    void aTagValueThatLooksLikeAVariableIsNotSubstitutedAgain() {
        String policy = allowIf("*", "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}");
        Map<String, List<String>> keys = Map.of("aws:PrincipalTag/team", List.of("${aws:ResourceTag/team}"),
                "aws:ResourceTag/team", List.of("payments"));
        assertThat(decide(policy, "s3:GetObject", "*", keys)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aWildcardInASubstitutedValueIsLiteralInStringLike() {
        String policy = allowIf("*", "{\"StringLike\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}");
        Map<String, List<String>> keys = Map.of("aws:username", List.of("*"), "aws:ResourceTag/owner", List.of("bob"));
        assertThat(decide(policy, "s3:GetObject", "*", keys)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aWildcardInASubstitutedValueIsLiteralInAResource() {
        String policy = allowIf("arn:aws:s3:::home/${aws:username}/*", "");
        Map<String, List<String>> keys = Map.of("aws:username", List.of("*"));
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::home/bob/secret", keys)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::home/*/x", keys)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aMultivaluedKeyIsNoVariable() {
        String policy = allowIf("arn:aws:s3:::home/${aws:username}/*", "");
        Map<String, List<String>> keys = Map.of("aws:username", List.of("alice", "bob"));
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::home/bob/x", keys)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aHostNameNeverMatchesAnAddressRange() {
        String policy = allowIf("*", "{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"}}");
        assertThat(decide(policy, "s3:GetObject", "*", Map.of("aws:SourceIp", List.of("localhost"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(policy, "s3:GetObject", "*", Map.of("aws:SourceIp", List.of("127.0.0.1.nip.io"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(policy, "s3:GetObject", "*", Map.of("aws:SourceIp", List.of("127.0.0.1"))))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void anActionWithARegexIsNoWildcard() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get.*\","
                + "\"Resource\":\"*\"}]}";
        AwsException refused = catchThrowableOfType(AwsException.class, () -> Policy.parse(policy, PolicyGrammar.IDENTITY));
        assertThat(refused.error().code()).isEqualTo("MalformedPolicyDocument");
    }

    @Test
    void aDeeplyNestedDocumentIsRefusedNotAStackOverflow() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":" + nested + "}";
        AwsException refused = catchThrowableOfType(AwsException.class, () -> Policy.parse(policy, PolicyGrammar.IDENTITY));
        assertThat(refused.error().code()).isEqualTo("MalformedPolicyDocument");
    }

    @Test
    void lookAlikeEffectsAndArraysAreRefused() {
        for (String effect : new String[] {"\"ALLOW\"", "\"Allow \"", "[\"Allow\"]", "true"}) {
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":" + effect
                    + ",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
            AwsException refused = catchThrowableOfType(AwsException.class,
                    () -> Policy.parse(policy, PolicyGrammar.IDENTITY));
            assertThat(refused).as(effect).isNotNull();
            assertThat(refused.error().code()).isEqualTo("MalformedPolicyDocument");
        }
    }

    @Test
    void aDuplicateKeyCannotHideADeny() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        AwsException refused = catchThrowableOfType(AwsException.class, () -> Policy.parse(policy, PolicyGrammar.IDENTITY));
        assertThat(refused.error().message()).isEqualTo("This policy contains invalid Json");
    }

    @Test
    void anUnclosedVariableIsLiteralText() {
        String policy = allowIf("arn:aws:s3:::home/${aws:username/*", "");
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::home/${aws:username/x", Map.of("aws:username",
                List.of("alice")))).isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::home/alice/x", Map.of("aws:username",
                List.of("alice")))).isEqualTo(Decision.IMPLICIT_DENY);
    }
}
