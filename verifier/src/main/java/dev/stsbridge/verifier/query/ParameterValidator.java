package dev.stsbridge.verifier.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.query.ApiModel.Member;
import dev.stsbridge.verifier.query.ApiModel.Shape;

/**
 * Checks a request's parameters against its operation's input shape in the botocore model and refuses violations
 * the way AWS's Query services do: {@code ValidationError} (400) with
 * {@code "N validation error(s) detected: Value 'v' at 'member' failed to satisfy constraint: Member must ..."},
 * the violations joined by {@code "; "}. Member paths are lower-camel ({@code roleName}, {@code sAMLMetadataDocument})
 * and list elements read {@code tags.1.member.key}, as in AWS's recorded messages.
 *
 * <p>Choices where AWS is not observable: a value is quoted only for a top-level, non-sensitive member up to
 * {@value #SHOWN_VALUE_LIMIT} characters (AWS's recorded messages omit it for list elements); within one member the
 * length is reported before the pattern; a non-numeric integer reads "Member must be a number".
 */
public final class ParameterValidator {

    static final int SHOWN_VALUE_LIMIT = 1024;

    private final Map<String, ApiModel> models;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** @param modelsByVersion the model of each API version served */
    public ParameterValidator(Map<String, ApiModel> modelsByVersion) {
        this.models = Map.copyOf(modelsByVersion);
    }

    /**
     * @throws dev.stsbridge.verifier.AwsException {@code ValidationError} listing every violation
     */
    public void validate(String version, String operation, QueryParameters parameters) {
        Optional<Shape> input = Optional.ofNullable(models.get(version)).flatMap(m -> m.input(operation));
        if (input.isEmpty()) {
            return;
        }
        List<String> violations = new ArrayList<>();
        structure(input.get(), new Scope(parameters.asMap(), "", "", true), parameters, violations);
        if (!violations.isEmpty()) {
            String count = violations.size() == 1 ? "1 validation error detected: "
                    : violations.size() + " validation errors detected: ";
            throw AwsError.validation(count + String.join("; ", violations)).exception();
        }
    }

    /** Where a structure's members live: parameter-name prefix, message-path prefix, and whether it is top-level. */
    private record Scope(Map<String, String> values, String parameterPrefix, String pathPrefix, boolean topLevel) {
    }

    private void structure(Shape shape, Scope scope, QueryParameters parameters, List<String> violations) {
        for (Member member : shape.members()) {
            String parameter = scope.parameterPrefix() + member.name();
            String path = scope.pathPrefix() + lowerFirst(member.name());
            if ("list".equals(member.shape().type())) {
                list(member, parameter, path, parameters, violations);
            } else {
                String value = scope.values().get(member.name());
                if (value == null && member.required()) {
                    violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
                } else if (value != null) {
                    boolean show = scope.topLevel() && !member.shape().sensitive() && value.length() <= SHOWN_VALUE_LIMIT;
                    String prefix = (show ? "Value '" + value + "' at '" : "Value at '") + path
                            + "' failed to satisfy constraint: ";
                    scalar(member.shape(), value).forEach(v -> violations.add(prefix + v));
                }
            }
        }
    }

    private void list(Member member, String parameter, String path, QueryParameters parameters,
                      List<String> violations) {
        List<Map<String, String>> entries = parameters.structList(parameter + ".member");
        if (entries.isEmpty() && member.required()) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            return;
        }
        member.shape().max().filter(max -> entries.size() > max).ifPresent(max -> violations.add(
                "Value at '" + path + "' failed to satisfy constraint: Member must have length less than or equal to "
                        + max));
        Shape element = member.shape().listMember();
        if (!"structure".equals(element.type())) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            Scope scope = new Scope(entries.get(i), parameter + ".member." + (i + 1) + ".",
                    path + "." + (i + 1) + ".member.", false);
            structure(element, scope, parameters, violations);
        }
    }

    private List<String> scalar(Shape shape, String value) {
        List<String> violations = new ArrayList<>();
        switch (shape.type()) {
            case "string" -> string(shape, value, violations);
            case "integer", "long" -> integer(shape, value, violations);
            default -> { }
        }
        return violations;
    }

    private void string(Shape shape, String value, List<String> violations) {
        shape.min().filter(min -> value.length() < min).ifPresent(min ->
                violations.add("Member must have length greater than or equal to " + min));
        shape.max().filter(max -> value.length() > max).ifPresent(max ->
                violations.add("Member must have length less than or equal to " + max));
        shape.pattern().filter(p -> !compiled(p).matcher(value).matches()).ifPresent(p ->
                violations.add("Member must satisfy regular expression pattern: " + p));
        List<String> allowed = shape.enumValues();
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            violations.add("Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
    }

    private static void integer(Shape shape, String value, List<String> violations) {
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            violations.add("Member must be a number");
            return;
        }
        shape.min().filter(min -> number < min).ifPresent(min ->
                violations.add("Member must have value greater than or equal to " + min));
        shape.max().filter(max -> number > max).ifPresent(max ->
                violations.add("Member must have value less than or equal to " + max));
    }

    /**
     * Compiles a model pattern for a whole-value match. The models write supplementary code points as
     * {@code \u10000-\u10FFFF}, which Java would read as {@code \u1000} followed by {@code 0}; they become
     * {@code \x{10000}-\x{10FFFF}}.
     */
    private Pattern compiled(String modelPattern) {
        return patterns.computeIfAbsent(modelPattern,
                p -> Pattern.compile(p.replaceAll("\\\\u(10[0-9A-Fa-f]{4})", "\\\\x{$1}")));
    }

    static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
