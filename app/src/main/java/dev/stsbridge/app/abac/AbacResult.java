package dev.stsbridge.app.abac;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulator's answer for one person, action and resource, with what it was asked.
 *
 * @param username the person
 * @param principalArn the assumed-role ARN STS gave the session
 * @param principalTags the session tags STS accepted (sent as {@code aws:PrincipalTag/<key>}), in assertion order
 * @param roleArn the role whose policies were simulated
 * @param action the action
 * @param resource the resource ARN
 * @param resourceTags the resource's tags as given
 * @param decision allowed, explicitDeny or implicitDeny
 * @param matched the statements that decided (the allowing ones, or the denying ones); empty for implicitDeny
 * @param evaluatedPolicies the role's policies, {@code name (type)}, when the decision is implicitDeny
 * @param missingContextValues context keys the policies use that were not given
 */
public record AbacResult(String username, String principalArn, Map<String, String> principalTags, String roleArn,
                         String action, String resource, Map<String, String> resourceTags, Decision decision,
                         List<Matched> matched, List<String> evaluatedPolicies, List<String> missingContextValues) {

    public AbacResult {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(principalArn, "principalArn");
        principalTags = Collections.unmodifiableMap(new LinkedHashMap<>(principalTags));
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        resourceTags = Collections.unmodifiableMap(new LinkedHashMap<>(resourceTags));
        Objects.requireNonNull(decision, "decision");
        matched = List.copyOf(matched);
        evaluatedPolicies = List.copyOf(evaluatedPolicies);
        missingContextValues = List.copyOf(missingContextValues);
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }

    /** IAM's {@code PolicyEvaluationDecisionType}. */
    public enum Decision {
        ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

        private final String wire;

        Decision(String wire) {
            this.wire = wire;
        }

        /** As IAM spells it. */
        public String wire() {
            return wire;
        }
    }

    /**
     * One deciding statement.
     *
     * @param policyId the simulator's {@code SourcePolicyId}
     * @param policyName the policy's name
     * @param policyType the simulator's {@code SourcePolicyType} ({@code IAM Policy}, as AWS answers)
     * @param sid the statement's {@code Sid}, read from the policy document at the statement's position
     * @param startLine the statement's first line in the document, if the simulator said
     * @param endLine its last line
     */
    public record Matched(String policyId, String policyName, String policyType, Optional<String> sid,
                         Optional<Integer> startLine, Optional<Integer> endLine) {
        public Matched {
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(policyName, "policyName");
            Objects.requireNonNull(policyType, "policyType");
            Objects.requireNonNull(sid, "sid");
            Objects.requireNonNull(startLine, "startLine");
            Objects.requireNonNull(endLine, "endLine");
        }

        /** {@code statement "TeamResources" of policy abac-team-access (IAM Policy), lines 3-10}. */
        public String describe() {
            String statement = sid.map(s -> "statement \"" + s + "\"").orElse("a statement");
            String lines = startLine.map(s -> ", " + (endLine.isPresent() && !endLine.get().equals(s)
                    ? "lines " + s + "-" + endLine.get() : "line " + s)).orElse("");
            return statement + " of policy " + policyName + " (" + policyType + ")" + lines;
        }
    }
}
