package dev.stsbridge.verifier.sts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a new role session carries over from the session that asks for it (role chaining) and what the request adds:
 * the caller's transitive session tags (which the request may not override), the request's tags and transitive tag
 * keys (which must be among its tags), and the SourceIdentity, which once set stays for the whole chain.
 *
 * @param tags the new session's tags: the inherited transitive ones, then the request's
 * @param transitiveTagKeys the inherited transitive keys, then the request's
 * @param sourceIdentity the inherited SourceIdentity, else the request's
 */
public record ChainedSession(Map<String, String> tags, List<String> transitiveTagKeys,
                             Optional<String> sourceIdentity) {

    static final int MAX_TAGS = 50;

    /** @throws dev.stsbridge.verifier.AwsException {@code ValidationError} / {@code AccessDenied} on a broken rule */
    public static ChainedSession of(Optional<SessionGrant> caller, AssumeRoleRequest request) {
        checkRequestTags(request);
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> transitive = new ArrayList<>();
        caller.ifPresent(session -> session.transitiveTagKeys().forEach(key -> {
            session.sessionTags().entrySet().stream().filter(t -> t.getKey().equalsIgnoreCase(key)).findFirst()
                    .ifPresent(t -> tags.put(t.getKey(), t.getValue()));
            transitive.add(key);
        }));
        for (Map.Entry<String, String> tag : request.tags().entrySet()) {
            if (tags.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(tag.getKey()))) {
                throw StsRefusals.validation("Cannot override the transitive session tag " + tag.getKey()
                        + " set by the calling session.");
            }
            tags.put(tag.getKey(), tag.getValue());
        }
        transitive.addAll(request.transitiveTagKeys());
        if (tags.size() > MAX_TAGS) {
            throw StsRefusals.validation("Unable to validate tags: a session may carry at most " + MAX_TAGS
                    + " session tags, including transitive ones.");
        }
        Optional<String> inherited = caller.flatMap(SessionGrant::sourceIdentity);
        if (inherited.isPresent() && request.sourceIdentity().filter(s -> !s.equals(inherited.get())).isPresent()) {
            throw StsRefusals.accessDenied("SourceIdentity cannot be changed once set: the calling session's is "
                    + inherited.get() + ".");
        }
        return new ChainedSession(tags, transitive, inherited.or(request::sourceIdentity));
    }

    private static void checkRequestTags(AssumeRoleRequest request) {
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String key : request.tags().keySet()) {
            if (!keys.add(key)) {
                throw StsRefusals.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw StsRefusals.validation("Unable to validate tags: tag keys may not start with aws:");
            }
        }
        for (String key : request.transitiveTagKeys()) {
            if (!keys.contains(key)) {
                throw StsRefusals.validation("The specified transitive tag key " + key
                        + " must be included in the requested tags.");
            }
        }
        if (request.sourceIdentity().filter(s -> s.toLowerCase(Locale.ROOT).startsWith("aws:")).isPresent()) {
            throw StsRefusals.validation("Source Identity must not begin with \"aws:\"");
        }
    }
}
