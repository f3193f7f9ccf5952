package dev.stsbridge.app.abac;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.Position;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * One {@code SimulatePrincipalPolicy} answer, and the deciding statements named by their {@code Sid}: the simulator
 * gives only the policy and the statement's position, so the document is read (GetRolePolicy for inline policies,
 * GetPolicy + GetPolicyVersion for managed ones) and the Sid taken from the statement's text.
 */
record SimulatorAnswer(EvaluationResult evaluation) {

    private static final Pattern SID = Pattern.compile("\"Sid\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    static SimulatorAnswer simulate(IamClient iam, String roleArn, AbacRequest request, List<ContextEntry> context) {
        List<EvaluationResult> results = iam.simulatePrincipalPolicyPaginator(r -> r.policySourceArn(roleArn)
                .actionNames(request.action()).resourceArns(request.resource()).contextEntries(context))
                .evaluationResults().stream().toList();
        if (results.isEmpty()) {
            throw new AbacFailure(AbacFailure.Kind.IAM_ERROR, "the simulator answered no EvaluationResults");
        }
        return new SimulatorAnswer(results.get(0));
    }

    /** The deciding statements: the result's own, or else those of the resource-specific result. */
    List<AbacResult.Matched> matched(IamClient iam, String roleArn) {
        List<Statement> statements = evaluation.matchedStatements();
        if (statements.isEmpty()) {
            statements = evaluation.resourceSpecificResults().stream().map(ResourceSpecificResult::matchedStatements)
                    .filter(s -> !s.isEmpty()).findFirst().orElse(List.of());
        }
        Map<String, String> documents = new HashMap<>();
        List<AbacResult.Matched> matched = new ArrayList<>();
        for (Statement statement : statements) {
            String id = statement.sourcePolicyId();
            String type = statement.sourcePolicyTypeAsString();
            String document = documents.computeIfAbsent(type + " " + id, k -> document(iam, roleArn, id, type));
            matched.add(new AbacResult.Matched(id, name(id), type,
                    sid(document, statement.startPosition(), statement.endPosition()),
                    line(statement.startPosition()), line(statement.endPosition())));
        }
        return matched;
    }

    /**
     * The context keys the policies read that were not given: at the top for the resource {@code *}, in the
     * resource-specific results when resources were named (as IAM documents {@code MissingContextValues}).
     */
    List<String> missingContextValues() {
        java.util.LinkedHashSet<String> missing = new java.util.LinkedHashSet<>(evaluation.missingContextValues());
        evaluation.resourceSpecificResults().forEach(r -> missing.addAll(r.missingContextValues()));
        return List.copyOf(missing);
    }

    /** The role's inline and attached policies, {@code name (inline)} / {@code name (managed)}. */
    static List<String> rolePolicies(IamClient iam, String roleArn) {
        String role = roleName(roleArn);
        List<String> names = new ArrayList<>();
        iam.listRolePoliciesPaginator(r -> r.roleName(role)).policyNames().forEach(n -> names.add(n + " (inline)"));
        iam.listAttachedRolePoliciesPaginator(r -> r.roleName(role)).attachedPolicies()
                .forEach(p -> names.add(p.policyName() + " (managed)"));
        return names;
    }

    private static String document(IamClient iam, String roleArn, String id, String type) {
        // AWS's simulator names an inline role policy role_<role name>_<policy name>, a managed one by its name.
        String inlinePrefix = "role_" + roleName(roleArn) + "_";
        if (id.startsWith(inlinePrefix)) {
            String name = id.substring(inlinePrefix.length());
            return decode(iam.getRolePolicy(r -> r.roleName(roleName(roleArn)).policyName(name)).policyDocument());
        }
        String arn = id.startsWith("arn:") ? id : attachedArn(iam, roleArn, id);
        String version = iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId();
        return decode(iam.getPolicyVersion(r -> r.policyArn(arn).versionId(version)).policyVersion().document());
    }

    private static String attachedArn(IamClient iam, String roleArn, String name) {
        return iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName(roleArn))).attachedPolicies().stream()
                .filter(p -> p.policyName().equals(name)).map(AttachedPolicy::policyArn).findFirst()
                .orElseThrow(() -> new AbacFailure(AbacFailure.Kind.IAM_ERROR, "the simulator named policy " + name
                        + ", which is not attached to " + roleArn));
    }

    /** The first Sid in the statement's text (from its start to its end position), if it has one. */
    static Optional<String> sid(String document, Position start, Position end) {
        if (start == null || end == null || start.line() == null || end.line() == null) {
            return Optional.empty();
        }
        int from = offset(document, start.line(), Optional.ofNullable(start.column()).orElse(1));
        int to = Math.max(from, offset(document, end.line(), Optional.ofNullable(end.column()).orElse(1) + 1));
        Matcher sid = SID.matcher(document.substring(from, Math.min(document.length(), to)));
        return sid.find() ? Optional.of(sid.group(1)) : Optional.empty();
    }

    /** The character offset of a 1-based line and column, clamped to the line. */
    private static int offset(String document, int line, int column) {
        int start = 0;
        for (int l = 1; l < line && start >= 0; l++) {
            start = document.indexOf('\n', start);
            start = start < 0 ? -1 : start + 1;
        }
        if (start < 0) {
            return document.length();
        }
        int lineEnd = document.indexOf('\n', start);
        lineEnd = lineEnd < 0 ? document.length() : lineEnd;
        return Math.min(lineEnd, start + Math.max(0, column - 1));
    }

    private static Optional<Integer> line(Position position) {
        return position == null ? Optional.empty() : Optional.ofNullable(position.line());
    }

    /** IAM returns policy documents URL-encoded (RFC 3986). */
    private static String decode(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    private static String name(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }
}
