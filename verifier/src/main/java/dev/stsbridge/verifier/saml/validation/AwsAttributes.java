package dev.stsbridge.verifier.saml.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.saml.SamlXml;
import dev.stsbridge.verifier.saml.StsErrors;

/**
 * The attributes of the verified assertion and AWS's rules for its own ones (../shared/AWS-SAML.md §3):
 * {@code Role} pairs, {@code RoleSessionName}, {@code SourceIdentity}, {@code SessionDuration},
 * {@code PrincipalTag:<key>} and {@code TransitiveTagKeys}. Tag problems are {@code ValidationError}
 * "Unable to validate tags" (the message the console shows for STS's refusal) with the reason after a colon.
 */
public record AwsAttributes(Map<String, List<String>> all, List<RolePair> rolePairs, String roleSessionName,
                     Optional<String> sourceIdentity, Optional<Integer> sessionDuration, SessionTags tags) {
    static final String PREFIX = "https://aws.amazon.com/SAML/Attributes/";
    private static final String TAG_PREFIX = PREFIX + "PrincipalTag:";
    private static final int MAX_TAGS = 50;

    static AwsAttributes read(Element assertion) {
        Map<String, List<String>> all = attributes(assertion);
        List<RolePair> pairs = all.getOrDefault(PREFIX + "Role", List.of()).stream()
                .flatMap(value -> RolePair.parse(value).stream()).toList();
        return new AwsAttributes(all, pairs, roleSessionName(all), sourceIdentity(all), sessionDuration(all),
                tags(all));
    }

    /**
     * Attribute name -> values, over all AttributeStatements; values read whole (no comment may split them). AWS's
     * own attributes must be plain text; other attributes' structured values (e.g. a NameID inside
     * eduPersonTargetedID) are skipped, as no condition key can hold them.
     */
    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Element statement : SamlXml.children(assertion, SamlNames.ASSERTION, "AttributeStatement")) {
            for (Element attribute : SamlXml.children(statement, SamlNames.ASSERTION, "Attribute")) {
                String name = attribute.getAttributeNS(null, "Name");
                List<String> values = all.computeIfAbsent(name, k -> new ArrayList<>());
                for (Element value : SamlXml.children(attribute, SamlNames.ASSERTION, "AttributeValue")) {
                    if (name.startsWith(PREFIX)) {
                        values.add(SamlXml.text(value));
                    } else {
                        SamlXml.simpleText(value).ifPresent(values::add);
                    }
                }
            }
        }
        return all;
    }

    private static String roleSessionName(Map<String, List<String>> all) {
        List<String> values = all.getOrDefault(PREFIX + "RoleSessionName", List.of());
        if (values.isEmpty()) {
            throw new AwsException(StsErrors.invalid(StsErrors.ROLE_SESSION_NAME_REQUIRED));
        }
        if (values.size() != 1 || !isName(values.get(0))) {
            throw new AwsException(StsErrors.invalid(StsErrors.ROLE_SESSION_NAME_PATTERN));
        }
        return values.get(0);
    }

    private static Optional<String> sourceIdentity(Map<String, List<String>> all) {
        List<String> values = all.getOrDefault(PREFIX + "SourceIdentity", List.of());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0);
        if (values.size() != 1 || !isName(value) || value.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new AwsException(StsErrors.invalid(StsErrors.SOURCE_IDENTITY_PATTERN));
        }
        return Optional.of(value);
    }

    private static Optional<Integer> sessionDuration(Map<String, List<String>> all) {
        List<String> values = all.getOrDefault(PREFIX + "SessionDuration", List.of());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0);
        if (values.size() == 1 && value.matches("\\d{3,5}")) {
            int seconds = Integer.parseInt(value);
            if (seconds >= 900 && seconds <= 43200) {
                return Optional.of(seconds);
            }
        }
        throw new AwsException(StsErrors.invalid(
                "Invalid SAML response: SessionDuration must be one integer from 900 to 43200, not " + values));
    }

    private static SessionTags tags(Map<String, List<String>> all) {
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> lowerKeys = new HashSet<>();
        all.forEach((name, values) -> {
            if (name.startsWith(TAG_PREFIX)) {
                String key = name.substring(TAG_PREFIX.length());
                checkTag(key, values);
                if (!lowerKeys.add(key.toLowerCase(Locale.ROOT))) {
                    throw tagError("tag keys are case-insensitive and " + StsErrors.echo(key) + " is repeated");
                }
                tags.put(key, values.get(0));
            }
        });
        if (tags.size() > MAX_TAGS) {
            throw tagError("at most " + MAX_TAGS + " session tags are allowed, the assertion has " + tags.size());
        }
        List<String> transitive = all.getOrDefault(PREFIX + "TransitiveTagKeys", List.of());
        checkTransitive(transitive, lowerKeys);
        return new SessionTags(tags, transitive);
    }

    /**
     * Session tags passed another way than SAML attributes (the {@code https://aws.amazon.com/tags} claim of a web
     * identity token): the same rules and refusals ({@code ValidationError} "Unable to validate tags: ...").
     *
     * @param principalTags each key with its values (exactly one is allowed)
     * @param transitive the transitive tag keys
     */
    public static SessionTags checkedTags(Map<String, List<String>> principalTags, List<String> transitive) {
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> lowerKeys = new HashSet<>();
        principalTags.forEach((key, values) -> {
            checkTag(key, values);
            if (!lowerKeys.add(key.toLowerCase(Locale.ROOT))) {
                throw tagError("tag keys are case-insensitive and " + StsErrors.echo(key) + " is repeated");
            }
            tags.put(key, values.get(0));
        });
        if (tags.size() > MAX_TAGS) {
            throw tagError("at most " + MAX_TAGS + " session tags are allowed, the token has " + tags.size());
        }
        checkTransitive(transitive, lowerKeys);
        return new SessionTags(tags, transitive);
    }

    /** The RoleSessionName / SourceIdentity character rule, {@code [\\w+=,.@-]{2,64}}. */
    public static boolean isSessionName(String value) {
        return isName(value);
    }

    private static void checkTag(String key, List<String> values) {
        if (key.isEmpty() || key.length() > 128 || !isTagText(key)) {
            throw tagError("tag key " + StsErrors.echo(key) + " must be 1-128 letters, digits, spaces or _.:/=+-@");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw tagError("tag key " + StsErrors.echo(key) + " must not begin with \"aws:\"");
        }
        if (values.size() != 1) {
            throw tagError("tag " + StsErrors.echo(key) + " must have exactly one value, it has " + values.size());
        }
        String value = values.get(0);
        if (value.length() > 256 || !isTagText(value)) {
            throw tagError("the value of tag " + StsErrors.echo(key)
                    + " must be 0-256 letters, digits, spaces or _.:/=+-@");
        }
    }

    private static void checkTransitive(List<String> transitive, Set<String> lowerKeys) {
        if (transitive.size() > MAX_TAGS) {
            throw tagError("at most " + MAX_TAGS + " TransitiveTagKeys are allowed, the assertion has "
                    + transitive.size());
        }
        for (String key : transitive) {
            if (!lowerKeys.contains(key.toLowerCase(Locale.ROOT))) {
                throw tagError("TransitiveTagKeys names " + StsErrors.echo(key) + ", which is not a session tag");
            }
        }
    }

    /** {@code [\\w+=,.@-]{2,64}} (ASCII word characters), the RoleSessionName and SourceIdentity rule. */
    static boolean isName(String value) {
        if (value.length() < 2 || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            if (!word && "+=,.@-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*}, IAM's tag character rule. */
    static boolean isTagText(String value) {
        return value.codePoints().allMatch(c -> Character.isLetter(c) || isSeparator(c) || isNumber(c)
                || "_.:/=+-@".indexOf(c) >= 0);
    }

    private static boolean isSeparator(int c) {
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static AwsException tagError(String why) {
        return new AwsException(AwsError.validation("Unable to validate tags: " + why));
    }
}
