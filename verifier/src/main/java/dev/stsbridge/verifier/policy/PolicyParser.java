package dev.stsbridge.verifier.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.saml.StsErrors;

/**
 * Parses and validates IAM policy JSON (Jackson; duplicate keys and trailing content refused). A trust policy must
 * have Effect, Principal (or NotPrincipal, with Deny only: our choice, since Allow + NotPrincipal would let every
 * other provider in) and Action (or NotAction), and must not have Resource. A session policy must have Resource
 * and no Principal. Refusals are {@code MalformedPolicyDocument} with IAM's messages.
 */
final class PolicyParser {
    static final String INVALID_JSON = "This policy contains invalid Json";
    static final String SYNTAX = "Syntax errors in policy.";
    static final String LEGACY = "The policy failed legacy parsing";
    static final String VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    static final String ONE_COLON = "Actions/Condition can contain only one colon.";
    static final String NOT_PRINCIPAL_ALLOW = "NotPrincipal is only supported with Effect Deny in a trust policy";

    /** Which grammar a document follows. */
    enum Kind { TRUST, SESSION }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> TRUST_FIELDS =
            Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Condition");
    private static final Set<String> SESSION_FIELDS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+");
    private static final Pattern FEDERATED = Pattern.compile(
            "arn:aws[a-z-]*:iam::\\d{12}:(saml-provider|oidc-provider)/.+|accounts\\.google\\.com|graph\\.facebook\\.com"
                    + "|www\\.amazon\\.com|cognito-identity\\.amazonaws\\.com");
    private static final Pattern AWS = Pattern.compile(
            "\\*|\\d{12}|arn:aws[a-z-]*:(iam::\\d{12}:(root|user/.+|role/.+)|sts::\\d{12}:assumed-role/.+)");

    private PolicyParser() {
    }

    static List<Statement> parse(String document, Kind kind) {
        JsonNode root = json(document);
        if (!root.isObject()) {
            throw malformed(SYNTAX);
        }
        fieldNames(root).forEach(name -> require(TOP.contains(name), SYNTAX));
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && Set.of("2012-10-17", "2008-10-17").contains(version.asText()))) {
            throw malformed(LEGACY);
        }
        require(root.get("Id") == null || root.get("Id").isTextual(), SYNTAX);
        JsonNode statements = root.get("Statement");
        require(statements != null && (statements.isObject() || statements.isArray() && !statements.isEmpty()), SYNTAX);
        List<Statement> parsed = new ArrayList<>();
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            parsed.add(statement(statement, kind));
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

    private static Statement statement(JsonNode node, Kind kind) {
        require(node.isObject(), SYNTAX);
        Set<String> allowed = kind == Kind.TRUST ? TRUST_FIELDS : SESSION_FIELDS;
        for (String name : fieldNames(node)) {
            if (!allowed.contains(name)) {
                throw malformed(prohibited(name, kind));
            }
        }
        JsonNode sid = node.get("Sid");
        require(sid == null || sid.isTextual(), SYNTAX);
        boolean allow = effect(node.get("Effect"));
        boolean notAction = node.has("NotAction");
        List<String> actions = actions(node, notAction);
        List<Condition> conditions = node.has("Condition") ? Conditions.parse(node.get("Condition")) : List.of();
        if (kind == Kind.SESSION) {
            require(node.has("Resource") != node.has("NotResource"), "Policy statement must contain resources.");
            return new Statement(Optional.ofNullable(sid).map(JsonNode::asText), allow, Set.of(), false, actions,
                    notAction, conditions);
        }
        boolean notPrincipal = node.has("NotPrincipal");
        require(node.has("Principal") != notPrincipal, node.has("Principal") ? SYNTAX : "Missing required field Principal");
        require(!notPrincipal || !allow, NOT_PRINCIPAL_ALLOW);
        Set<String> federated = principals(node.get(notPrincipal ? "NotPrincipal" : "Principal"));
        return new Statement(Optional.ofNullable(sid).map(JsonNode::asText), allow, federated, notPrincipal, actions,
                notAction, conditions);
    }

    private static String prohibited(String name, Kind kind) {
        if (kind == Kind.TRUST && (name.equals("Resource") || name.equals("NotResource"))) {
            return "Has prohibited field " + name;
        }
        if (kind == Kind.SESSION && (name.equals("Principal") || name.equals("NotPrincipal"))) {
            return "Policy document should not specify a principal.";
        }
        return SYNTAX;
    }

    private static boolean effect(JsonNode effect) {
        require(effect != null, "Missing required field Effect");
        require(effect.isTextual() && (effect.asText().equals("Allow") || effect.asText().equals("Deny")), SYNTAX);
        return effect.asText().equals("Allow");
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

    /** The Federated principals; other principal types are validated and dropped (they never match SAML). */
    private static Set<String> principals(JsonNode principal) {
        if (principal.isTextual()) {
            require(principal.asText().equals("*"), "Invalid principal in policy: " + principal);
            return Set.of();
        }
        require(principal.isObject() && !principal.isEmpty(), SYNTAX);
        Set<String> federated = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : entries(principal)) {
            for (String value : strings(entry.getValue())) {
                checkPrincipal(entry.getKey(), value);
                if (entry.getKey().equals("Federated")) {
                    federated.add(value);
                }
            }
        }
        return federated;
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
