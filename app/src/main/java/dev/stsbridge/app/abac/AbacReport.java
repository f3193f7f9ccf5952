package dev.stsbridge.app.abac;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** An {@link AbacResult} as {@code stsbridge abac} prints it: lines for people, or JSON for scripts. */
public final class AbacReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AbacReport() {
    }

    /**
     * <pre>
     * alice as arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com (principal tags ...)
     * s3:GetObject on arn:aws:s3:::reports/q3.csv (resource tags team=platform): allowed
     *   by statement "TeamResources" of policy abac-team-access (IAM Policy), lines 5-20
     * </pre>
     */
    public static String text(AbacResult result) {
        StringBuilder out = new StringBuilder();
        out.append(result.username()).append(" as ").append(result.principalArn()).append(" (principal tags ")
                .append(pairs(result.principalTags())).append(")\n");
        String request = result.action() + " on " + result.resource() + (result.resourceTags().isEmpty() ? ""
                : " (resource tags " + pairs(result.resourceTags()) + ")");
        switch (result.decision()) {
            case ALLOWED -> {
                out.append(request).append(": allowed\n");
                result.matched().forEach(m -> out.append("  by ").append(m.describe()).append('\n'));
            }
            case EXPLICIT_DENY -> {
                out.append(request).append(": explicitDeny\n");
                result.matched().forEach(m -> out.append("  by ").append(m.describe()).append('\n'));
            }
            case IMPLICIT_DENY -> {
                out.append(request).append(": implicitDeny: no statement allows ").append(result.action())
                        .append(" on ").append(result.resource()).append('\n');
                out.append("  evaluated: ").append(result.evaluatedPolicies().isEmpty()
                        ? "(the role has no permission policies)" : String.join(", ", result.evaluatedPolicies()))
                        .append('\n');
            }
            default -> throw new IllegalStateException(result.decision().name());
        }
        if (!result.missingContextValues().isEmpty()) {
            out.append("  missing context values: ").append(String.join(", ", result.missingContextValues()))
                    .append('\n');
        }
        return out.toString();
    }

    /** The decision, the matched statements, the missing context values, and what was asked. */
    public static String json(AbacResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", result.username());
        json.put("principalArn", result.principalArn());
        json.put("principalTags", result.principalTags());
        json.put("roleArn", result.roleArn());
        json.put("action", result.action());
        json.put("resource", result.resource());
        json.put("resourceTags", result.resourceTags());
        json.put("decision", result.decision().wire());
        json.put("matchedStatements", result.matched().stream().map(AbacReport::statement).toList());
        json.put("evaluatedPolicies", result.evaluatedPolicies());
        json.put("missingContextValues", result.missingContextValues());
        try {
            return JSON.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> statement(AbacResult.Matched matched) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", matched.sid().orElse(null));
        json.put("sourcePolicyId", matched.policyId());
        json.put("policyName", matched.policyName());
        json.put("sourcePolicyType", matched.policyType());
        json.put("startLine", matched.startLine().orElse(null));
        json.put("endLine", matched.endLine().orElse(null));
        return json;
    }

    private static String pairs(Map<String, String> tags) {
        return tags.isEmpty() ? "none" : tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
