package dev.stsbridge.idp.claims;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;

import dev.stsbridge.idp.config.AwsAccount;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.config.Durations;
import dev.stsbridge.idp.config.RoleRule;
import dev.stsbridge.idp.config.TagRule;
import dev.stsbridge.idp.directory.DirectoryUser;

/**
 * From a directory user to the AWS claims, by the configuration alone (no I/O): role pairs from group
 * membership (group DNs compared as DNs, so case and spacing do not matter; sorted by account, then role;
 * each pair once), RoleSessionName, SessionDuration, SourceIdentity, session tags and transitive tag keys.
 *
 * <p>SessionDuration: for one chosen role, that role's {@code session-duration} (or the default); for the
 * full list, the shortest of the roles' limits, because AWS applies the one value to whichever role the
 * person picks and a 12-hour value fails on a role whose maximum is one hour.
 */
public final class AwsClaimsResolver {

    private static final Comparator<AwsRolePair> ORDER =
            Comparator.comparing(AwsRolePair::accountId).thenComparing(AwsRolePair::roleArn)
                    .thenComparing(AwsRolePair::providerArn);

    private final AwsConfig aws;
    private final List<Map.Entry<DN, RoleRule>> rules = new ArrayList<>();

    public AwsClaimsResolver(AwsConfig aws) {
        this.aws = aws;
        for (RoleRule rule : aws.roles()) {
            rules.add(Map.entry(dn(rule.group()).orElseThrow(), rule));
        }
    }

    /** The claims for every role the person may use. */
    public AwsClaims resolve(DirectoryUser user) {
        return resolveWithNotes(user).claims();
    }

    /** The claims for every role the person may use, with notes for {@code --explain}. */
    public Resolution resolveWithNotes(DirectoryUser user) {
        List<String> notes = new ArrayList<>();
        Map<AwsRolePair, Optional<Duration>> pairs = rolePairs(user, notes);
        return resolution(user, new ArrayList<>(pairs.keySet()), sessionDuration(pairs, notes), notes);
    }

    /**
     * The claims narrowed to one role (IdP-initiated sign-in straight into it), with that role's SessionDuration.
     *
     * @throws IllegalArgumentException when the person may not use the role
     */
    public Resolution resolveFor(DirectoryUser user, String roleArn) {
        List<String> notes = new ArrayList<>();
        Map<AwsRolePair, Optional<Duration>> pairs = rolePairs(user, notes);
        Map.Entry<AwsRolePair, Optional<Duration>> chosen = pairs.entrySet().stream()
                .filter(e -> e.getKey().roleArn().equals(roleArn)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(user.username() + " may not use " + roleArn));
        Optional<Duration> duration = chosen.getValue().or(aws::sessionDuration);
        return resolution(user, List.of(chosen.getKey()), duration, notes);
    }

    /**
     * The claims narrowed to one role named as the portal and {@code /sso/aws?account=&role=} name it.
     *
     * @param account the account's id or name
     * @param role the role's name (with its path, if any)
     * @throws IllegalArgumentException when there is no such account or the person may not use the role
     */
    public Resolution resolveFor(DirectoryUser user, String account, String role) {
        AwsAccount found = aws.account(account).orElseThrow(() -> new IllegalArgumentException("no AWS account "
                + account + " in aws.accounts"));
        return resolveFor(user, "arn:" + aws.partition().id() + ":iam::" + found.id() + ":role/" + role);
    }

    private Resolution resolution(DirectoryUser user, List<AwsRolePair> roles, Optional<Duration> duration,
                                  List<String> notes) {
        String roleSessionName = AttributeValues.render(aws.roleSessionName(), user, "RoleSessionName", notes)
                .orElse("");
        Optional<String> sourceIdentity = aws.sourceIdentity()
                .flatMap(t -> AttributeValues.render(t, user, "SourceIdentity", notes));
        List<SessionTag> tags = tags(user, notes);
        AwsClaims claims = new AwsClaims(user.username(), roles, roleSessionName,
                duration.map(d -> Math.toIntExact(d.getSeconds())), sourceIdentity, tags, transitiveKeys(tags, notes));
        return new Resolution(claims, notes);
    }

    /** Each matching rule's pair with its own limit; a pair reached by several rules keeps the shortest limit. */
    private Map<AwsRolePair, Optional<Duration>> rolePairs(DirectoryUser user, List<String> notes) {
        List<DN> groups = new ArrayList<>();
        for (String group : user.groupDns()) {
            dn(group).ifPresentOrElse(groups::add, () -> notes.add("group " + group + " ignored: not a valid DN"));
        }
        Map<AwsRolePair, Optional<Duration>> pairs = new TreeMap<>(ORDER);
        for (Map.Entry<DN, RoleRule> rule : rules) {
            if (groups.contains(rule.getKey())) {
                pairs.merge(pair(rule.getValue()), rule.getValue().sessionDuration(), AwsClaimsResolver::shorter);
            }
        }
        if (pairs.isEmpty()) {
            notes.add(user.username() + " has no AWS roles: none of the " + user.groupDns().size()
                    + " directory groups " + user.groupDns().stream().sorted().collect(Collectors.toList())
                    + " matches aws.roles");
        }
        return pairs;
    }

    private AwsRolePair pair(RoleRule rule) {
        AwsAccount account = aws.account(rule.account()).orElseThrow();
        String prefix = "arn:" + aws.partition().id() + ":iam::" + account.id() + ":";
        return new AwsRolePair(prefix + "role/" + rule.role(), prefix + "saml-provider/" + account.providerName(),
                account.name());
    }

    private static Optional<Duration> shorter(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        return Optional.of(a.get().compareTo(b.get()) <= 0 ? a.get() : b.get());
    }

    private Optional<Duration> sessionDuration(Map<AwsRolePair, Optional<Duration>> pairs, List<String> notes) {
        if (pairs.isEmpty()) {
            return aws.sessionDuration();
        }
        Map<AwsRolePair, Duration> limits = new TreeMap<>(ORDER);
        pairs.forEach((pair, own) -> own.or(aws::sessionDuration).ifPresentOrElse(d -> limits.put(pair, d),
                () -> notes.add("SessionDuration: role " + pair.roleArn() + " has no session-duration and "
                        + "aws.session-duration is not set; AWS applies the role's own maximum")));
        Optional<Duration> shortest = limits.values().stream().min(Comparator.naturalOrder());
        if (shortest.isPresent() && limits.values().stream().distinct().count() > 1) {
            notes.add("SessionDuration " + shortest.get().getSeconds() + " is the shortest of the roles' limits ("
                    + limits.entrySet().stream().map(e -> e.getKey().roleName() + " " + Durations.format(e.getValue()))
                    .collect(Collectors.joining(", ")) + "); signing in to one role uses that role's own limit");
        }
        return shortest;
    }

    private List<SessionTag> tags(DirectoryUser user, List<String> notes) {
        List<SessionTag> tags = new ArrayList<>();
        for (TagRule rule : aws.sessionTags()) {
            if (rule.value().isPresent()) {
                tags.add(new SessionTag(rule.key(), rule.value().get()));
                continue;
            }
            String attribute = rule.attribute().orElseThrow();
            Optional<String> value = AttributeValues.first(user, attribute, "tag " + rule.key(), notes);
            value.ifPresentOrElse(v -> tags.add(new SessionTag(rule.key(), v)),
                    () -> notes.add("tag " + rule.key() + " omitted: attribute " + attribute + " missing"));
        }
        return tags;
    }

    private List<String> transitiveKeys(List<SessionTag> tags, List<String> notes) {
        List<String> keys = new ArrayList<>();
        for (String key : aws.transitiveTagKeys()) {
            boolean present = tags.stream().anyMatch(t -> t.key().equalsIgnoreCase(key));
            if (present) {
                keys.add(key);
            } else {
                notes.add("transitive tag key " + key + " dropped: tag " + key + " omitted");
            }
        }
        return keys;
    }

    private static Optional<DN> dn(String text) {
        try {
            return Optional.of(new DN(text.toLowerCase(Locale.ROOT)));
        } catch (LDAPException e) {
            return Optional.empty();
        }
    }
}
