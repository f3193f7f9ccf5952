package dev.stsbridge.verifier.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.saml.StsErrors;

/**
 * Parses and validates IAM policy JSON (Jackson; duplicate keys and trailing content refused) in one of three
 * grammars ({@link PolicyGrammar}), recording where each statement is in the text. A trust policy must have Effect,
 * Principal (or NotPrincipal, with Deny only: our choice, since Allow + NotPrincipal would let every other provider
 * in) and Action (or NotAction), and must not have Resource. An identity-based policy (managed, inline, boundary,
 * session) must have Resource (or NotResource) and no Principal, and alphanumeric, unique Sids. A resource-based
 * policy has both. Refusals are {@code MalformedPolicyDocument} with IAM's messages.
 */
final class PolicyParser {
    static final String INVALID_JSON = "This policy contains invalid Json";
    static final String SYNTAX = "Syntax errors in policy.";
    static final String LEGACY = "The policy failed legacy parsing";
    static final String VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    static final String ONE_COLON = "Actions/Condition can contain only one colon.";
    static final String NOT_PRINCIPAL_ALLOW = "NotPrincipal is only supported with Effect Deny in a trust policy";
    static final String NEEDS_RESOURCES = "Policy statement must contain resources.";
    static final String NO_PRINCIPAL = "Policy document should not specify a principal.";
    static final String SID_ALPHANUMERIC = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies "
            + "the regular expression [0-9A-Za-z]*";
    static final String SID_UNIQUE = "Statement IDs (SID) in a single policy must be unique.";

    /** Which grammar a document follows (kept for the callers that predate {@link PolicyGrammar}). */
    enum Kind {
        TRUST(PolicyGrammar.TRUST), SESSION(PolicyGrammar.IDENTITY);

        final PolicyGrammar grammar;

        Kind(PolicyGrammar grammar) {
            this.grammar = grammar;
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> TRUST_FIELDS =
            Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Condition");
    private static final Set<String> IDENTITY_FIELDS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> RESOURCE_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+");
    private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern FEDERATED = Pattern.compile(
            "arn:aws[a-z-]*:iam::\\d{12}:(saml-provider|oidc-provider)/.+|accounts\\.google\\.com|graph\\.facebook\\.com"
                    + "|www\\.amazon\\.com|cognito-identity\\.amazonaws\\.com");
    private static final Pattern AWS = Pattern.compile(
            "\\*|\\d{12}|arn:aws[a-z-]*:(iam::\\d{12}:(root|user/.+|role/.+)|sts::\\d{12}:(assumed-role|federated-user)/.+)");

    private PolicyParser() {
    }

    static List<Statement> parse(String document, Kind kind) {
        return parse(document, kind.grammar);
    }

    static List<Statement> parse(String document, PolicyGrammar grammar) {
        JsonNode root = json(document);
        if (!root.isObject()) {
            throw malformed(SYNTAX);
        }
        fieldNames(root).forEach(name -> require(TOP.contains(name), SYNTAX));
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && Set.of("2012-10-17", "2008-10-17").contains(version.asText()))) {
            throw malformed(LEGACY);
        }
        boolean variables = version != null && version.asText().equals("2012-10-17");
        require(root.get("Id") == null || root.get("Id").isTextual(), SYNTAX);
        JsonNode statements = root.get("Statement");
        require(statements != null && (statements.isObject() || statements.isArray() && !statements.isEmpty()), SYNTAX);
        List<Position[]> positions = positions(document);
        List<Statement> parsed = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        int index = 0;
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            Position[] at = index < positions.size() ? positions.get(index) : new Position[] {new Position(1, 1),
                new Position(1, 1)};
            Statement s = statement(statement, grammar, variables, at[0], at[1]);
            if (grammar == PolicyGrammar.IDENTITY && s.sid().isPresent()) {
                require(SID.matcher(s.sid().get()).matches(), SID_ALPHANUMERIC);
                require(s.sid().get().isEmpty() || sids.add(s.sid().get()), SID_UNIQUE);
            }
            parsed.add(s);
            index++;
        }
        return parsed;
    }

    private static JsonNode json(String document) {
        try {
            JsonNode node = JSON.readTree(document);
            if (node == null || node.isMissingNode()) {
                throw malformed(INVALID_JSON);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(INVALID_JSON);
        }
    }

    /** Start and end of each statement object, from a streaming pass over the (already valid) JSON. */
    private static List<Position[]> positions(String document) {
        List<Position[]> positions = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return positions;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!name.equals("Statement")) {
                    parser.skipChildren();
                    continue;
                }
                if (value == JsonToken.START_OBJECT) {
                    positions.add(objectSpan(parser));
                } else if (value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        positions.add(objectSpan(parser));
                    }
                }
                break;
            }
        } catch (IOException e) {
            throw malformed(INVALID_JSON);
        }
        return positions;
    }

    private static Position[] objectSpan(JsonParser parser) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        parser.skipChildren();
        JsonLocation end = parser.currentLocation();
        return new Position[] {new Position(start.getLineNr(), start.getColumnNr() + 1),
            new Position(end.getLineNr(), end.getColumnNr())};
    }

    private static Statement statement(JsonNode node, PolicyGrammar grammar, boolean variables, Position start,
                                       Position end) {
        require(node.isObject(), SYNTAX);
        Set<String> allowed = switch (grammar) {
            case TRUST -> TRUST_FIELDS;
            case IDENTITY -> IDENTITY_FIELDS;
            case RESOURCE -> RESOURCE_FIELDS;
        };
        for (String name : fieldNames(node)) {
            if (!allowed.contains(name)) {
                throw malformed(prohibited(name, grammar));
            }
        }
        JsonNode sid = node.get("Sid");
        require(sid == null || sid.isTextual(), SYNTAX);
        Effect effect = effect(node.get("Effect"));
        boolean notAction = node.has("NotAction");
        List<String> actions = actions(node, notAction);
        List<Condition> conditions = node.has("Condition") ? Conditions.parse(node.get("Condition"), variables)
                : List.of();
        boolean notResource = node.has("NotResource");
        List<String> resources = List.of();
        if (grammar != PolicyGrammar.TRUST) {
            require(node.has("Resource") != notResource, node.has("Resource") ? SYNTAX : NEEDS_RESOURCES);
            resources = resources(node.get(notResource ? "NotResource" : "Resource"));
        }
        Map<String, List<String>> principals = Map.of();
        boolean notPrincipal = node.has("NotPrincipal");
        if (grammar != PolicyGrammar.IDENTITY) {
            require(node.has("Principal") != notPrincipal, node.has("Principal") ? SYNTAX : "Missing required field Principal");
            require(grammar != PolicyGrammar.TRUST || !notPrincipal || effect == Effect.DENY, NOT_PRINCIPAL_ALLOW);
            principals = principals(node.get(notPrincipal ? "NotPrincipal" : "Principal"));
        }
        return new Statement(Optional.ofNullable(sid).map(JsonNode::asText), effect, principals, notPrincipal, actions,
                notAction, resources, notResource, conditions, variables, start, end);
    }

    private static String prohibited(String name, PolicyGrammar grammar) {
        if (grammar == PolicyGrammar.TRUST && (name.equals("Resource") || name.equals("NotResource"))) {
            return "Has prohibited field " + name;
        }
        if (grammar == PolicyGrammar.IDENTITY && (name.equals("Principal") || name.equals("NotPrincipal"))) {
            return NO_PRINCIPAL;
        }
        return SYNTAX;
    }

    private static Effect effect(JsonNode effect) {
        require(effect != null, "Missing required field Effect");
        require(effect.isTextual() && (effect.asText().equals("Allow") || effect.asText().equals("Deny")), SYNTAX);
        return effect.asText().equals("Allow") ? Effect.ALLOW : Effect.DENY;
    }

    private static List<String> actions(JsonNode statement, boolean notAction) {
        require(statement.has("Action") != notAction, notAction ? SYNTAX : "Missing required field Action");
        List<String> actions = strings(statement.get(notAction ? "NotAction" : "Action"));
        for (String action : actions) {
            if (!action.equals("*")) {
                require(action.contains(":"), VENDOR);
                require(action.indexOf(':') == action.lastIndexOf(':'), ONE_COLON);
                require(ACTION.matcher(action).matches(), SYNTAX);
            }
        }
        return actions;
    }

    /** {@code *} or an ARN (six colon-separated parts, the first {@code arn}). */
    private static List<String> resources(JsonNode node) {
        List<String> resources = strings(node);
        for (String resource : resources) {
            if (!resource.equals("*")) {
                String[] parts = resource.split(":", 6);
                require(parts.length == 6 && parts[0].equals("arn") && !parts[2].isEmpty(),
                        "Resource " + resource + " must be in ARN format or \"*\".");
            }
        }
        return resources;
    }

    /** The principals by type; {@code "*"} is {@code AWS: *}. */
    private static Map<String, List<String>> principals(JsonNode principal) {
        if (principal.isTextual()) {
            require(principal.asText().equals("*"), "Invalid principal in policy: " + principal);
            return Map.of("AWS", List.of("*"));
        }
        require(principal.isObject() && !principal.isEmpty(), SYNTAX);
        Map<String, List<String>> principals = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : entries(principal)) {
            List<String> values = strings(entry.getValue());
            for (String value : values) {
                checkPrincipal(entry.getKey(), value);
            }
            principals.put(entry.getKey(), values);
        }
        return principals;
    }

    private static void checkPrincipal(String type, String value) {
        String shown = "Invalid principal in policy: \"" + type + "\":\"" + value + "\"";
        switch (type) {
            case "Federated" -> require(FEDERATED.matcher(value).matches(), shown);
            case "AWS" -> require(AWS.matcher(value).matches(), shown);
            case "Service", "CanonicalUser" -> require(!value.isBlank() && !value.contains(" "), shown);
            default -> throw malformed(SYNTAX);
        }
    }
    /** A string or a non-empty array of strings. */
    static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        require(node.isArray() && !node.isEmpty(), SYNTAX);
        List<String> values = new ArrayList<>();
        node.forEach(element -> {
            require(element.isTextual(), SYNTAX);
            values.add(element.asText());
        });
        return values;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        return new ArrayList<>(node.properties());
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw malformed(message);
        }
    }

    static AwsException malformed(String message) {
        return new AwsException(StsErrors.malformedPolicy(message));
    }
}
