package dev.stsbridge.idp.web.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;

/**
 * The access form of the explain page: its fields as sent ({@code role} = {@code <account id> <role>}, {@code action},
 * {@code resource}, {@code resource-tags} one {@code key=value} a line), and the values the template shows.
 */
record AccessForm(String role, String action, String resource, String resourceTags) {

    static final AccessForm EMPTY = new AccessForm("", "s3:GetObject", "arn:aws:s3:::reports/q3.csv", "team=platform");
    private static final int MAX_FIELD = 2048;

    /** One role the person may choose. */
    public record RoleOption(String value, String label, boolean selected) {
    }

    static AccessForm from(Exchange exchange) {
        return new AccessForm(field(exchange, "role"), field(exchange, "action"), field(exchange, "resource"),
                field(exchange, "resource-tags"));
    }

    private static String field(Exchange exchange, String name) {
        String value = exchange.form(name).orElse("").strip();
        if (value.length() > MAX_FIELD) {
            throw HttpError.badRequest("The field " + name + " is too long.");
        }
        return value;
    }

    /** The request, or why the form cannot be one. */
    AccessCheck.Request request(AwsClaims claims) {
        int space = role.indexOf(' ');
        if (space < 0 || claims.roles().stream().noneMatch(p -> value(p).equals(role))) {
            throw new IllegalArgumentException("Choose one of your roles.");
        }
        if (action.isEmpty() || resource.isEmpty()) {
            throw new IllegalArgumentException("Give an action (e.g. s3:GetObject) and a resource ARN.");
        }
        return new AccessCheck.Request(role.substring(0, space), role.substring(space + 1), action, resource, tags());
    }

    private Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String line : resourceTags.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Write each resource tag as key=value, one a line.");
            }
            tags.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return tags;
    }

    List<RoleOption> options(AwsClaims claims, Optional<String> preferred) {
        String chosen = role.isEmpty() ? preferred.orElse("") : role;
        return claims.roles().stream().map(p -> new RoleOption(value(p), p.accountName() + " (" + p.accountId()
                + "): " + roleName(p.roleArn()), value(p).equals(chosen))).toList();
    }

    static String value(dev.stsbridge.idp.claims.AwsRolePair pair) {
        return pair.accountId() + " " + roleName(pair.roleArn());
    }

    private static String roleName(String roleArn) {
        return roleArn.substring(roleArn.indexOf(":role/") + ":role/".length());
    }

    /** The answer as the page shows it. */
    public record ResultView(String decision, boolean allowed, String principalArn, String principalTags,
                             List<String> statements, boolean hasStatements, String evaluatedPolicies,
                             boolean hasEvaluated, String missingContextValues, boolean hasMissing) {
        static ResultView of(AccessCheck.Result result) {
            String tags = result.principalTags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            return new ResultView(result.decision(), result.allowed(), result.principalArn(),
                    tags.isEmpty() ? "none" : tags, result.statements(), !result.statements().isEmpty(),
                    String.join(", ", result.evaluatedPolicies()), !result.evaluatedPolicies().isEmpty(),
                    String.join(", ", result.missingContextValues()), !result.missingContextValues().isEmpty());
        }
    }
}
