package dev.stsbridge.idp.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AWS side: where assertions go ({@code signin-url}, which also fixes the ARN partition; the browser form
 * may post elsewhere, {@code signin-post-url}, e.g. to the local verifier), the {@code audience}, the
 * {@code accounts}, the {@code roles} rules, and where RoleSessionName, SourceIdentity, session tags,
 * transitive tag keys and the default SessionDuration come from.
 */
public record AwsConfig(URI signinUrl, Optional<URI> signinPostUrl, String audience, List<AwsAccount> accounts,
                        List<RoleRule> roles, ValueTemplate roleSessionName, Optional<ValueTemplate> sourceIdentity,
                        List<TagRule> sessionTags, List<String> transitiveTagKeys, Optional<Duration> sessionDuration) {

    public static final String DEFAULT_AUDIENCE = "urn:amazon:webservices";
    public static final Duration MIN_SESSION = Duration.ofSeconds(900);
    public static final Duration MAX_SESSION = Duration.ofSeconds(43200);
    public static final int MAX_TAGS = 50;

    public AwsConfig {
        signinUrl = ConfigChecks.orDefault(signinUrl, AwsPartition.GLOBAL_SIGNIN_URL);
        if (AwsPartition.ofSigninUrl(signinUrl).isEmpty()) {
            throw new InvalidConfigValueException("signin-url", "must be an AWS SAML sign-in URL such as "
                    + "https://signin.aws.amazon.com/saml, https://<region>.signin.aws.amazon.com/saml, "
                    + "https://signin.amazonaws.cn/saml or https://signin.amazonaws-us-gov.com/saml, was "
                    + ConfigChecks.quote(signinUrl.toString()));
        }
        signinPostUrl = ConfigChecks.optional(signinPostUrl).map(u -> ConfigChecks.webUrl(u, "signin-post-url"));
        audience = ConfigChecks.requiredText(ConfigChecks.orDefault(audience, DEFAULT_AUDIENCE), "audience");
        accounts = ConfigChecks.listOrEmpty(accounts, "accounts");
        roles = ConfigChecks.listOrEmpty(roles, "roles");
        roleSessionName = ConfigChecks.orDefault(roleSessionName, ValueTemplate.parse("uid"));
        sourceIdentity = ConfigChecks.optional(sourceIdentity);
        sessionTags = ConfigChecks.listOrEmpty(sessionTags, "session-tags");
        transitiveTagKeys = ConfigChecks.listOrEmpty(transitiveTagKeys, "transitive-tag-keys");
        sessionDuration = ConfigChecks.optional(sessionDuration).map(d -> checkSessionDuration(d, "session-duration"));
        checkAccounts(accounts);
        checkRoles(roles, accounts);
        checkTags(sessionTags, transitiveTagKeys);
    }

    /** The ARN partition, from the sign-in URL. */
    public AwsPartition partition() {
        return AwsPartition.ofSigninUrl(signinUrl).orElseThrow();
    }

    /** Where the browser posts the SAML response: {@code signin-post-url}, or the sign-in URL itself. */
    public URI postUrl() {
        return signinPostUrl.orElse(signinUrl);
    }

    /** The same settings with the browser form posting to {@code postUrl}. */
    public AwsConfig withSigninPostUrl(URI postUrl) {
        return new AwsConfig(signinUrl, Optional.of(postUrl), audience, accounts, roles, roleSessionName,
                sourceIdentity, sessionTags, transitiveTagKeys, sessionDuration);
    }

    /** The account with this id or name. */
    public Optional<AwsAccount> account(String idOrName) {
        return accounts.stream().filter(a -> a.id().equals(idOrName) || a.name().equals(idOrName)).findFirst();
    }

    /** The directory attributes these settings read (RoleSessionName, SourceIdentity, tags). */
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>(roleSessionName.attributeNames());
        sourceIdentity.ifPresent(t -> names.addAll(t.attributeNames()));
        sessionTags.forEach(t -> t.attribute().ifPresent(names::add));
        return names;
    }

    static Duration checkSessionDuration(Duration duration, String key) {
        if (duration.getNano() != 0) {
            throw new InvalidConfigValueException(key, "must be whole seconds, was " + duration);
        }
        return ConfigChecks.durationBetween(duration, MIN_SESSION, MAX_SESSION, key);
    }

    private static void checkAccounts(List<AwsAccount> accounts) {
        if (accounts.isEmpty()) {
            throw new InvalidConfigValueException("accounts", "is required (at least one account)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            AwsAccount a = accounts.get(i);
            duplicate(seen, "id:" + a.id(), a.id(), i, "accounts.id");
            duplicate(seen, "name:" + a.name(), a.name(), i, "accounts.name");
        }
    }

    /** Refuses a second {@code list[index].field} whose normalised value was seen before. */
    private static void duplicate(Map<String, Integer> seen, String normalised, String shown, int index, String key) {
        Integer first = seen.putIfAbsent(normalised, index);
        if (first != null) {
            String list = key.substring(0, key.indexOf('.'));
            String field = key.substring(key.indexOf('.'));
            throw new InvalidConfigValueException(list + "[" + index + "]" + field, "duplicates " + list + "[" + first
                    + "]" + field + (normalised.startsWith("key:") ? " ignoring case" : "") + ", was "
                    + ConfigChecks.quote(shown));
        }
    }

    private static void checkRoles(List<RoleRule> roles, List<AwsAccount> accounts) {
        for (int i = 0; i < roles.size(); i++) {
            String account = roles.get(i).account();
            if (accounts.stream().noneMatch(a -> a.id().equals(account) || a.name().equals(account))) {
                throw new InvalidConfigValueException("roles[" + i + "].account", "no account with id or name "
                        + ConfigChecks.quote(account) + " (accounts: "
                        + accounts.stream().map(AwsAccount::name).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private static void checkTags(List<TagRule> tags, List<String> transitiveKeys) {
        if (tags.size() > MAX_TAGS) {
            throw new InvalidConfigValueException("session-tags", "at most " + MAX_TAGS + " tags, was " + tags.size());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            String key = tags.get(i).key();
            duplicate(seen, "key:" + key.toLowerCase(Locale.ROOT), key, i, "session-tags.key");
        }
        if (transitiveKeys.size() > MAX_TAGS) {
            throw new InvalidConfigValueException("transitive-tag-keys", "at most " + MAX_TAGS + " keys, was "
                    + transitiveKeys.size());
        }
        for (int i = 0; i < transitiveKeys.size(); i++) {
            if (!seen.containsKey("key:" + transitiveKeys.get(i).toLowerCase(Locale.ROOT))) {
                throw new InvalidConfigValueException("transitive-tag-keys[" + i + "]", "is not a session tag key, was "
                        + ConfigChecks.quote(transitiveKeys.get(i)));
            }
        }
    }
}
