package dev.stsbridge.verifier.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per rule of AWS's policy evaluation logic and policy grammar, each with the result the IAM User Guide
 * documents ("Policy evaluation logic", "IAM JSON policy elements: Condition operators", "Policy variables",
 * "Permissions boundaries", "Session policies"). Requests are made by a role session of role Admin in account
 * 111122223333 whose session tags are team=platform, department=engineering.
 */
class PolicyEngineTest {
    private static final String ACCOUNT = "111122223333";
    private static final String ROLE = "arn:aws:iam::111122223333:role/Admin";
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com";
    private static final Requester ALICE = Requester.roleSession(SESSION, ROLE, ACCOUNT);
    private static final PolicyEngine ENGINE = new PolicyEngine();

    private static Map<String, List<String>> baseContext() {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("aws:PrincipalTag/team", List.of("platform"));
        keys.put("aws:PrincipalTag/department", List.of("engineering"));
        keys.put("aws:username", List.of("alice"));
        keys.put("aws:SourceIp", List.of("192.0.2.17"));
        keys.put("aws:CurrentTime", List.of("2026-12-04T12:00:00Z"));
        keys.put("aws:MultiFactorAuthPresent", List.of("true"));
        keys.put("aws:TagKeys", List.of("team", "cost"));
        keys.put("s3:prefix", List.of("home/alice/"));
        keys.put("aws:ResourceTag/team", List.of("platform"));
        return keys;
    }

    private static RequestContext request(String action, String resource, Map<String, List<String>> extra) {
        Map<String, List<String>> keys = baseContext();
        keys.putAll(extra);
        keys.values().removeIf(List::isEmpty);
        return RequestContext.of(ALICE, action, resource, keys);
    }

    private static SourcedPolicy identity(String document) {
        return new SourcedPolicy("PolicyInputList.1", PolicySourceType.NONE, Policy.parse(document, PolicyGrammar.IDENTITY));
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String allow(String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    private static String allowIf(String action, String resource, String condition) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\",\"Condition\":"
                + condition + "}";
    }

    private static Decision decide(String document, String action, String resource) {
        return decide(document, action, resource, Map.of());
    }

    private static Decision decide(String document, String action, String resource, Map<String, List<String>> extra) {
        return ENGINE.evaluate(PolicySet.identityOnly(List.of(identity(document))), request(action, resource, extra))
                .decision();
    }

    static Stream<Arguments> identityRules() {
        String obj = "arn:aws:s3:::reports/q3.csv";
        String teamMatch = "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}";
        return Stream.of(
                Arguments.of("no statement applies: implicit deny", policy(allow("s3:PutObject", "*")), "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("allow", policy(allow("s3:GetObject", "*")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("explicit deny beats allow", policy(allow("s3:*", "*"),
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"), "s3:GetObject", obj, Map.of(), Decision.EXPLICIT_DENY),
                Arguments.of("action match ignores case", policy(allow("S3:getobject", "*")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("action wildcard", policy(allow("s3:Get*", "*")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("action ? wildcard", policy(allow("s3:GetObjec?", "*")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("Action * is every action", policy(allow("*", "*")), "ec2:StartInstances", "*", Map.of(), Decision.ALLOWED),
                Arguments.of("resource match is case-sensitive", policy(allow("s3:GetObject", "arn:aws:s3:::Reports/*")), "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("resource wildcard", policy(allow("s3:GetObject", "arn:aws:s3:::reports/*")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("resource ? wildcard", policy(allow("s3:GetObject", "arn:aws:s3:::reports/q?.csv")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("resource wildcard per ARN part", policy(allow("iam:GetRole", "arn:aws:iam::*:role/*")), "iam:GetRole", ROLE, Map.of(), Decision.ALLOWED),
                Arguments.of("resource other account", policy(allow("iam:GetRole", "arn:aws:iam::444455556666:role/*")), "iam:GetRole", ROLE, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("NotAction allows the others", policy("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}"), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("NotAction excludes its own", policy("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}"), "iam:CreateRole", ROLE, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("NotResource allows the others", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::secret/*\"}"), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("NotResource excludes its own", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::reports/*\"}"), "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("Deny with NotResource denies the others", policy(allow("s3:*", "*"),
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::public/*\"}"), "s3:GetObject", obj, Map.of(), Decision.EXPLICIT_DENY),
                // ABAC: tags and variables
                Arguments.of("ABAC: resource tag equals principal tag", policy(allowIf("s3:GetObject", "*", teamMatch)), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("ABAC: other team's resource", policy(allowIf("s3:GetObject", "*", teamMatch)), "s3:GetObject", obj,
                        Map.of("aws:ResourceTag/team", List.of("payments")), Decision.IMPLICIT_DENY),
                Arguments.of("ABAC: untagged resource", policy(allowIf("s3:GetObject", "*", teamMatch)), "s3:GetObject", obj,
                        Map.of("aws:ResourceTag/team", List.of()), Decision.IMPLICIT_DENY),
                Arguments.of("ABAC: principal without the tag (variable unresolvable)", policy(allowIf("s3:GetObject", "*", teamMatch)), "s3:GetObject", obj,
                        Map.of("aws:PrincipalTag/team", List.of()), Decision.IMPLICIT_DENY),
                Arguments.of("variable unresolvable in a negated operator: condition true", policy(allowIf("s3:GetObject", "*",
                        "{\"StringNotEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/cost}\"}}")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("variable with default", policy(allowIf("s3:GetObject", "*",
                        "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/cost, 'platform'}\"}}")), "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("variable in Resource", policy(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")), "s3:GetObject",
                        "arn:aws:s3:::home/alice/notes.txt", Map.of(), Decision.ALLOWED),
                Arguments.of("variable in Resource, another user", policy(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")), "s3:GetObject",
                        "arn:aws:s3:::home/bob/notes.txt", Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("variable value is literal, not a wildcard", policy(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}")), "s3:GetObject",
                        "arn:aws:s3:::home/alicex", Map.of("aws:username", List.of("alice*")), Decision.IMPLICIT_DENY),
                Arguments.of("${*} is a literal asterisk", policy(allow("s3:GetObject", "arn:aws:s3:::odd/${*}")), "s3:GetObject",
                        "arn:aws:s3:::odd/*", Map.of(), Decision.ALLOWED),
                Arguments.of("${*} does not match other text", policy(allow("s3:GetObject", "arn:aws:s3:::odd/${*}")), "s3:GetObject",
                        "arn:aws:s3:::odd/x", Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("${?} is a literal question mark", policy(allow("s3:GetObject", "arn:aws:s3:::odd/a${?}")), "s3:GetObject",
                        "arn:aws:s3:::odd/ab", Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("${$} is a literal dollar", policy(allowIf("s3:ListBucket", "*",
                        "{\"StringLike\":{\"s3:prefix\":\"${$}{x}\"}}")), "s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", List.of("${x}")), Decision.ALLOWED),
                Arguments.of("no variables under Version 2008-10-17", "{\"Version\":\"2008-10-17\",\"Statement\":["
                        + allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*") + "]}", "s3:GetObject", "arn:aws:s3:::home/alice/x", Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("2008-10-17 takes ${...} literally", "{\"Version\":\"2008-10-17\",\"Statement\":["
                        + allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*") + "]}", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/x", Map.of(), Decision.ALLOWED),
                Arguments.of("no Version: no variables", "{\"Statement\":[" + allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")
                        + "]}", "s3:GetObject", "arn:aws:s3:::home/alice/x", Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("variable in StringLike prefix", policy(allowIf("s3:ListBucket", "arn:aws:s3:::home",
                        "{\"StringLike\":{\"s3:prefix\":\"home/${aws:username}/*\"}}")), "s3:ListBucket", "arn:aws:s3:::home", Map.of(), Decision.ALLOWED),
                // Condition operators
                Arguments.of("condition key names ignore case", policy(allowIf("s3:GetObject", "*", "{\"StringEquals\":{\"AWS:PRINCIPALTAG/TEAM\":\"platform\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("StringEquals is case-sensitive on values", policy(allowIf("s3:GetObject", "*", "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"Platform\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("StringEqualsIgnoreCase", policy(allowIf("s3:GetObject", "*", "{\"StringEqualsIgnoreCase\":{\"aws:PrincipalTag/team\":\"PLATFORM\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("StringNotLike", policy(allowIf("s3:GetObject", "*", "{\"StringNotLike\":{\"aws:PrincipalTag/team\":\"pay*\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("NumericLessThan", policy(allowIf("s3:GetObject", "*", "{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}")),
                        "s3:GetObject", obj, Map.of("s3:max-keys", List.of("5")), Decision.ALLOWED),
                Arguments.of("NumericGreaterThanEquals fails", policy(allowIf("s3:GetObject", "*", "{\"NumericGreaterThanEquals\":{\"s3:max-keys\":\"10\"}}")),
                        "s3:GetObject", obj, Map.of("s3:max-keys", List.of("5")), Decision.IMPLICIT_DENY),
                Arguments.of("NumericNotEquals", policy(allowIf("s3:GetObject", "*", "{\"NumericNotEquals\":{\"s3:max-keys\":[\"10\",\"20\"]}}")),
                        "s3:GetObject", obj, Map.of("s3:max-keys", List.of("5")), Decision.ALLOWED),
                Arguments.of("DateLessThan", policy(allowIf("s3:GetObject", "*", "{\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01T00:00:00Z\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("DateGreaterThan", policy(allowIf("s3:GetObject", "*", "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2027-01-01\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("DateEquals epoch", policy(allowIf("s3:GetObject", "*", "{\"DateEquals\":{\"aws:EpochTime\":\"2026-12-04T12:00:00Z\"}}")),
                        "s3:GetObject", obj, Map.of("aws:EpochTime", List.of("1796385600")), Decision.ALLOWED),
                Arguments.of("Bool", policy(allowIf("s3:GetObject", "*", "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("Bool missing key is false", policy(allowIf("s3:GetObject", "*", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("BinaryEquals", policy(allowIf("s3:GetObject", "*", "{\"BinaryEquals\":{\"my:blob\":\"QmluYXJ5VmFsdWU=\"}}")),
                        "s3:GetObject", obj, Map.of("my:blob", List.of("QmluYXJ5VmFsdWU=")), Decision.ALLOWED),
                Arguments.of("BinaryEquals other bytes", policy(allowIf("s3:GetObject", "*", "{\"BinaryEquals\":{\"my:blob\":\"QmluYXJ5VmFsdWU=\"}}")),
                        "s3:GetObject", obj, Map.of("my:blob", List.of("T3RoZXI=")), Decision.IMPLICIT_DENY),
                Arguments.of("IpAddress in CIDR", policy(allowIf("s3:GetObject", "*", "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("IpAddress outside CIDR", policy(allowIf("s3:GetObject", "*", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("IpAddress bare address", policy(allowIf("s3:GetObject", "*", "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.17\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("IpAddress IPv6", policy(allowIf("s3:GetObject", "*", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}")),
                        "s3:GetObject", obj, Map.of("aws:SourceIp", List.of("2001:db8:1::5")), Decision.ALLOWED),
                Arguments.of("NotIpAddress", policy(allowIf("s3:GetObject", "*", "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("IpAddress never resolves host names", policy(allowIf("s3:GetObject", "*", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}")),
                        "s3:GetObject", obj, Map.of("aws:SourceIp", List.of("localhost")), Decision.IMPLICIT_DENY),
                Arguments.of("ArnLike", policy(allowIf("s3:GetObject", "*", "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Ad*\"}}")),
                        "s3:GetObject", obj, Map.of("aws:PrincipalArn", List.of(ROLE)), Decision.ALLOWED),
                Arguments.of("ArnEquals is case-sensitive", policy(allowIf("s3:GetObject", "*", "{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/admin\"}}")),
                        "s3:GetObject", obj, Map.of("aws:PrincipalArn", List.of(ROLE)), Decision.IMPLICIT_DENY),
                Arguments.of("ArnNotLike", policy(allowIf("s3:GetObject", "*", "{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Dev*\"}}")),
                        "s3:GetObject", obj, Map.of("aws:PrincipalArn", List.of(ROLE)), Decision.ALLOWED),
                Arguments.of("ArnLike with a variable", policy(allowIf("s3:GetObject", "*",
                        "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/${aws:PrincipalTag/department}\"}}")),
                        "s3:GetObject", obj, Map.of("aws:PrincipalArn", List.of("arn:aws:iam::111122223333:role/engineering")), Decision.ALLOWED),
                Arguments.of("Null true: key absent", policy(allowIf("s3:GetObject", "*", "{\"Null\":{\"aws:RequestTag/cost\":\"true\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("Null false: key present", policy(allowIf("s3:GetObject", "*", "{\"Null\":{\"aws:PrincipalTag/team\":\"false\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("missing key: positive operator false", policy(allowIf("s3:GetObject", "*", "{\"StringEquals\":{\"aws:RequestTag/cost\":\"x\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("missing key: negated operator true", policy(allowIf("s3:GetObject", "*", "{\"StringNotEquals\":{\"aws:RequestTag/cost\":\"x\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("IfExists: missing key true", policy(allowIf("s3:GetObject", "*", "{\"StringEqualsIfExists\":{\"aws:RequestTag/cost\":\"x\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("IfExists: present key checked", policy(allowIf("s3:GetObject", "*", "{\"StringEqualsIfExists\":{\"aws:PrincipalTag/team\":\"payments\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("ForAllValues: every value listed", policy(allowIf("s3:GetObject", "*", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"cost\",\"env\"]}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("ForAllValues: one value not listed", policy(allowIf("s3:GetObject", "*", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("ForAllValues: absent key is true (empty set)", policy(allowIf("s3:GetObject", "*", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}")),
                        "s3:GetObject", obj, Map.of("aws:TagKeys", List.of()), Decision.ALLOWED),
                Arguments.of("ForAnyValue: one value listed", policy(allowIf("s3:GetObject", "*", "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"cost\"]}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("ForAnyValue: absent key is false", policy(allowIf("s3:GetObject", "*", "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"cost\"]}}")),
                        "s3:GetObject", obj, Map.of("aws:TagKeys", List.of()), Decision.IMPLICIT_DENY),
                Arguments.of("ForAnyValue:StringLike", policy(allowIf("s3:GetObject", "*", "{\"ForAnyValue:StringLike\":{\"aws:TagKeys\":[\"co*\"]}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("values of one key are ORed", policy(allowIf("s3:GetObject", "*", "{\"StringEquals\":{\"aws:PrincipalTag/team\":[\"payments\",\"platform\"]}}")),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("keys are ANDed", policy(allowIf("s3:GetObject", "*", "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"platform\",\"aws:PrincipalTag/department\":\"sales\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("operators are ANDed", policy(allowIf("s3:GetObject", "*", "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"platform\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}")),
                        "s3:GetObject", obj, Map.of(), Decision.IMPLICIT_DENY),
                Arguments.of("deny only when the condition holds", policy(allow("s3:*", "*"),
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}}"),
                        "s3:GetObject", obj, Map.of(), Decision.ALLOWED),
                Arguments.of("deny with a holding condition", policy(allow("s3:*", "*"),
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}}"),
                        "s3:GetObject", obj, Map.of("aws:ResourceTag/team", List.of("payments")), Decision.EXPLICIT_DENY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identityRules")
    void identityPolicies(String rule, String document, String action, String resource, Map<String, List<String>> extra,
                          Decision expected) {
        assertThat(decide(document, action, resource, extra)).isEqualTo(expected);
    }

    // Policy types together: boundary, session policies, resource-based policies.

    private static final String ALL_S3 = policy(allow("s3:*", "*"));
    private static final String ONLY_GET = policy(allow("s3:GetObject", "*"));
    private static final String ONLY_EC2 = policy(allow("ec2:*", "*"));

    private static List<SourcedPolicy> one(String document) {
        return List.of(identity(document));
    }

    private static SourcedPolicy bucketPolicy(String principal, String effect) {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";
        return new SourcedPolicy("ResourcePolicy", PolicySourceType.RESOURCE, Policy.parse(doc, PolicyGrammar.RESOURCE));
    }

    static Stream<Arguments> combinedRules() {
        PolicySet identityGet = PolicySet.identityOnly(one(ONLY_GET));
        return Stream.of(
                Arguments.of("boundary allows too: allowed", PolicySet.identityOnly(one(ALL_S3)).withBoundary(one(ONLY_GET)), Decision.ALLOWED),
                Arguments.of("boundary does not allow: implicit deny", PolicySet.identityOnly(one(ALL_S3)).withBoundary(one(ONLY_EC2)), Decision.IMPLICIT_DENY),
                Arguments.of("boundary alone grants nothing", PolicySet.identityOnly(List.of()).withBoundary(one(ALL_S3)), Decision.IMPLICIT_DENY),
                Arguments.of("session policy allows too: allowed", identityGet.withSession(one(ALL_S3)), Decision.ALLOWED),
                Arguments.of("session policy does not allow: implicit deny", identityGet.withSession(one(ONLY_EC2)), Decision.IMPLICIT_DENY),
                Arguments.of("session policy alone grants nothing", PolicySet.identityOnly(List.of()).withSession(one(ALL_S3)), Decision.IMPLICIT_DENY),
                Arguments.of("deny in a boundary", identityGet.withBoundary(one(policy(allow("*", "*"),
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"))), Decision.EXPLICIT_DENY),
                Arguments.of("deny in a session policy", identityGet.withSession(one(policy(
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"))), Decision.EXPLICIT_DENY),
                Arguments.of("resource policy naming the session: allowed without identity policy",
                        PolicySet.identityOnly(List.of()).withResource(List.of(bucketPolicy("{\"AWS\":\"" + SESSION + "\"}", "Allow")), false), Decision.ALLOWED),
                Arguments.of("resource policy naming the session: not limited by the boundary",
                        PolicySet.identityOnly(List.of()).withBoundary(one(ONLY_EC2)).withResource(List.of(bucketPolicy("{\"AWS\":\"" + SESSION + "\"}", "Allow")), false), Decision.ALLOWED),
                Arguments.of("resource policy naming the role: allowed without identity policy",
                        PolicySet.identityOnly(List.of()).withResource(List.of(bucketPolicy("{\"AWS\":\"" + ROLE + "\"}", "Allow")), false), Decision.ALLOWED),
                Arguments.of("resource policy naming the role: limited by the boundary",
                        PolicySet.identityOnly(List.of()).withBoundary(one(ONLY_EC2)).withResource(List.of(bucketPolicy("{\"AWS\":\"" + ROLE + "\"}", "Allow")), false), Decision.IMPLICIT_DENY),
                Arguments.of("resource policy naming the role: limited by the session policy",
                        PolicySet.identityOnly(List.of()).withSession(one(ONLY_EC2)).withResource(List.of(bucketPolicy("{\"AWS\":\"" + ROLE + "\"}", "Allow")), false), Decision.IMPLICIT_DENY),
                Arguments.of("resource policy naming the account: the identity policy must allow",
                        PolicySet.identityOnly(List.of()).withResource(List.of(bucketPolicy("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "Allow")), false), Decision.IMPLICIT_DENY),
                Arguments.of("resource policy naming the account, identity allows",
                        identityGet.withResource(List.of(bucketPolicy("{\"AWS\":\"111122223333\"}", "Allow")), false), Decision.ALLOWED),
                Arguments.of("resource policy naming someone else: identity decides",
                        identityGet.withResource(List.of(bucketPolicy("{\"AWS\":\"arn:aws:iam::111122223333:role/Other\"}", "Allow")), false), Decision.ALLOWED),
                Arguments.of("resource policy deny beats identity allow",
                        identityGet.withResource(List.of(bucketPolicy("\"*\"", "Deny")), false), Decision.EXPLICIT_DENY),
                Arguments.of("resource policy NotPrincipal deny spares the named",
                        identityGet.withResource(List.of(notPrincipalDeny(SESSION)), false), Decision.ALLOWED),
                Arguments.of("resource policy NotPrincipal deny hits the others",
                        identityGet.withResource(List.of(notPrincipalDeny("arn:aws:iam::111122223333:role/Other")), false), Decision.EXPLICIT_DENY),
                Arguments.of("cross-account: resource policy alone is not enough",
                        PolicySet.identityOnly(List.of()).withResource(List.of(bucketPolicy("{\"AWS\":\"" + SESSION + "\"}", "Allow")), true), Decision.IMPLICIT_DENY),
                Arguments.of("cross-account: identity alone is not enough", identityGet.withResource(List.of(), true), Decision.IMPLICIT_DENY),
                Arguments.of("cross-account: both allow", identityGet.withResource(List.of(bucketPolicy("{\"AWS\":\"" + ROLE + "\"}", "Allow")), true), Decision.ALLOWED));
    }

    private static SourcedPolicy notPrincipalDeny(String spared) {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + spared
                + "\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        return new SourcedPolicy("ResourcePolicy", PolicySourceType.RESOURCE, Policy.parse(doc, PolicyGrammar.RESOURCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinedRules")
    void policyTypesTogether(String rule, PolicySet policies, Decision expected) {
        RequestContext request = request("s3:GetObject", "arn:aws:s3:::reports/q3.csv", Map.of());
        assertThat(ENGINE.evaluate(policies, request).decision()).isEqualTo(expected);
    }

    @Test
    void explicitDenyReportsOnlyTheDenyStatements() {
        String doc = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"All\", \"Effect\": \"Allow\", "
                + "\"Action\": \"s3:*\", \"Resource\": \"*\"},\n    {\"Sid\": \"NoGet\", \"Effect\": \"Deny\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n  ]\n}";
        Evaluation evaluation = ENGINE.evaluate(PolicySet.identityOnly(one(doc)), request("s3:GetObject", "*", Map.of()));
        assertThat(evaluation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluation.matchedStatements()).extracting(m -> m.statement().sid().orElseThrow()).containsExactly("NoGet");
        Statement deny = evaluation.matchedStatements().get(0).statement();
        String line5 = doc.split("\n")[4];
        assertThat(deny.start()).isEqualTo(new Position(5, line5.indexOf('{') + 2));
        assertThat(deny.end()).isEqualTo(new Position(5, line5.lastIndexOf('}') + 2));
    }

    /** The AWS CLI's documented simulate-custom-policy example: AWS answered StartPosition 1:38, EndPosition 1:167. */
    @Test
    void positionsAreAwsOwnForItsDocumentedExample() {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
        Statement statement = Policy.parse(doc, PolicyGrammar.IDENTITY).statements().get(0);
        assertThat(statement.start()).isEqualTo(new Position(1, 38));
        assertThat(statement.end()).isEqualTo(new Position(1, 167));
    }

    @Test
    void allowReportsTheAllowStatementsOfEveryTypeThatHadToAllow() {
        PolicySet set = PolicySet.identityOnly(one(ONLY_GET)).withBoundary(one(ALL_S3));
        Evaluation evaluation = ENGINE.evaluate(set, request("s3:GetObject", "*", Map.of()));
        assertThat(evaluation.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(evaluation.matchedStatements()).hasSize(2);
        assertThat(evaluation.allowedByBoundary()).contains(true);
        assertThat(evaluation.allowedBySession()).isEmpty();
    }

    @Test
    void implicitDenyMatchesNothingAndNamesTheMissingKeys() {
        String doc = policy(allowIf("s3:GetObject", "*", "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"${aws:PrincipalTag/owner}\"}}"),
                allowIf("ec2:StartInstances", "*", "{\"StringEquals\":{\"ec2:Region\":\"us-east-1\"}}"));
        Evaluation evaluation = ENGINE.evaluate(PolicySet.identityOnly(one(doc)), request("s3:GetObject", "*", Map.of()));
        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.matchedStatements()).isEmpty();
        assertThat(evaluation.missingContextKeys()).containsExactly("aws:PrincipalTag/owner", "aws:ResourceTag/owner");
        assertThat(evaluation.allowedByBoundary()).isEqualTo(Optional.empty());
    }

    @Test
    void contextKeysListsConditionKeysAndVariables() {
        Policy parsed = Policy.parse(policy(allowIf("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*",
                "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}")),
                PolicyGrammar.IDENTITY);
        assertThat(parsed.contextKeys()).containsExactly("aws:PrincipalTag/team", "aws:ResourceTag/team",
                "aws:SecureTransport", "aws:username");
    }
}
