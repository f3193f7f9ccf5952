package dev.stsbridge.idp.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.Resolution;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.idp.config.AwsPartition;

/**
 * The pre-flight check: AWS's rules for the assertion's attributes (AWS-SAML.md §3), applied to the claims
 * before anything is signed. An empty list means AWS will accept the attributes; otherwise nothing is sent.
 */
public final class AwsRules {

    static final Pattern ROLE_ARN =
            Pattern.compile("arn:([a-z][a-z-]*):iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    static final Pattern PROVIDER_ARN = Pattern.compile("arn:([a-z][a-z-]*):iam::(\\d{12}):saml-provider/[\\w._-]{1,128}");
    static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    static final Pattern TAG_CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final int MIN_DURATION = 900;
    static final int MAX_DURATION = 43200;
    static final int MAX_TAGS = 50;

    private final AwsPartition partition;

    public AwsRules(AwsPartition partition) {
        this.partition = Objects.requireNonNull(partition, "partition");
    }

    /** Every rule the claims break, in the order of the attributes; empty when AWS will accept them. */
    public List<AwsRuleViolation> check(AwsClaims claims) {
        Violations v = new Violations(claims.username());
        checkRoles(claims.roles(), v);
        checkSessionName(claims.roleSessionName(), v);
        claims.sourceIdentity().ifPresent(s -> checkSourceIdentity(s, v));
        claims.sessionDurationSeconds().filter(d -> d < MIN_DURATION || d > MAX_DURATION)
                .ifPresent(d -> v.add(AwsRule.SESSION_DURATION, String.valueOf(d)));
        checkTags(claims.tags(), v);
        checkTransitiveKeys(claims.transitiveTagKeys(), claims.tags(), v);
        return v.list;
    }

    /** The claims, their notes and the verdict, for {@code stsbridge assertion --explain} and {@code /explain}. */
    public Explanation explain(Resolution resolution) {
        return new Explanation(resolution.claims(), check(resolution.claims()), resolution.notes());
    }

    private void checkRoles(List<AwsRolePair> roles, Violations v) {
        if (roles.isEmpty()) {
            v.add(AwsRule.ROLE_REQUIRED, "none");
        }
        for (AwsRolePair pair : roles) {
            Matcher role = ROLE_ARN.matcher(pair.roleArn());
            Matcher provider = PROVIDER_ARN.matcher(pair.providerArn());
            if (!role.matches()) {
                v.add(AwsRule.ROLE_ARN, Shown.quoted(pair.roleArn()));
            }
            if (!provider.matches()) {
                v.add(AwsRule.PROVIDER_ARN, Shown.quoted(pair.providerArn()));
            }
            if (role.matches() && provider.matches()) {
                checkPair(pair, role, provider, v);
            }
        }
    }

    private void checkPair(AwsRolePair pair, Matcher role, Matcher provider, Violations v) {
        for (Matcher arn : List.of(role, provider)) {
            if (!arn.group(1).equals(partition.id())) {
                v.add(AwsRule.PARTITION, Shown.quoted(arn.group()) + " (partition " + arn.group(1) + ", expected "
                        + partition.id() + ")");
            }
        }
        if (!role.group(2).equals(provider.group(2))) {
            v.add(AwsRule.SAME_ACCOUNT, Shown.quoted(pair.attributeValue()));
        }
    }

    private static void checkSessionName(String name, Violations v) {
        if (!SESSION_NAME.matcher(name).matches()) {
            v.add(AwsRule.ROLE_SESSION_NAME, Shown.withLength(name));
        }
    }

    private static void checkSourceIdentity(String sourceIdentity, Violations v) {
        if (!SESSION_NAME.matcher(sourceIdentity).matches()) {
            v.add(AwsRule.SOURCE_IDENTITY, Shown.withLength(sourceIdentity));
        }
        if (sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            v.add(AwsRule.SOURCE_IDENTITY_PREFIX, Shown.quoted(sourceIdentity));
        }
    }

    private static void checkTags(List<SessionTag> tags, Violations v) {
        if (tags.size() > MAX_TAGS) {
            v.add(AwsRule.TAG_COUNT, tags.size() + " tags");
        }
        Map<String, String> seen = new HashMap<>();
        for (SessionTag tag : tags) {
            String key = tag.key();
            if (key.isEmpty() || Shown.length(key) > 128 || !TAG_CHARACTERS.matcher(key).matches()) {
                v.add(AwsRule.TAG_KEY, Shown.withLength(key));
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                v.add(AwsRule.TAG_KEY_PREFIX, Shown.quoted(key));
            }
            String first = seen.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
            if (first != null) {
                v.add(AwsRule.TAG_KEY_DUPLICATE, Shown.quoted(key) + " (and " + Shown.quoted(first) + ")");
            }
            if (Shown.length(tag.value()) > 256 || !TAG_CHARACTERS.matcher(tag.value()).matches()) {
                v.add(AwsRule.TAG_VALUE, Shown.quoted(tag.value()) + " (tag " + key + ", " + Shown.length(tag.value())
                        + " characters)");
            }
        }
    }

    private static void checkTransitiveKeys(List<String> keys, List<SessionTag> tags, Violations v) {
        if (keys.size() > MAX_TAGS) {
            v.add(AwsRule.TRANSITIVE_COUNT, keys.size() + " keys");
        }
        for (String key : keys) {
            if (tags.stream().noneMatch(t -> t.key().equalsIgnoreCase(key))) {
                v.add(AwsRule.TRANSITIVE_KEY, Shown.quoted(key));
            }
        }
    }

    /** Collects the violations of one user's claims. */
    private static final class Violations {
        final String user;
        final List<AwsRuleViolation> list = new ArrayList<>();

        Violations(String user) {
            this.user = user;
        }

        void add(AwsRule rule, String value) {
            list.add(new AwsRuleViolation(user, rule, value));
        }
    }
}
