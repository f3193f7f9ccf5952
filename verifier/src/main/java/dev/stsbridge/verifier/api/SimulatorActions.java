package dev.stsbridge.verifier.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.policy.Decision;
import dev.stsbridge.verifier.policy.Evaluation;
import dev.stsbridge.verifier.policy.MatchedStatement;
import dev.stsbridge.verifier.policy.PolicySourceType;
import dev.stsbridge.verifier.policy.Position;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.XmlWriter;
import dev.stsbridge.verifier.simulator.ContextEntry;
import dev.stsbridge.verifier.simulator.PolicySimulator;
import dev.stsbridge.verifier.simulator.SimulationRequest;
import dev.stsbridge.verifier.simulator.SimulationResult;

/**
 * The IAM policy simulator's Query actions: {@code SimulateCustomPolicy}, {@code SimulatePrincipalPolicy},
 * {@code GetContextKeysForCustomPolicy}, {@code GetContextKeysForPrincipalPolicy}. Reads the botocore model's
 * members, lets {@link PolicySimulator} evaluate, writes {@code EvaluationResults} in IAM's shapes:
 * {@code MatchedStatements} ({@code SourcePolicyId}, {@code SourcePolicyType} as AWS answers it: {@code IAM Policy}
 * or {@code Resource Policy}, {@code StartPosition}, {@code EndPosition}), {@code MissingContextValues} (under
 * {@code ResourceSpecificResults} when {@code ResourceArns} were given), {@code PermissionsBoundaryDecisionDetail}
 * when a boundary took part and {@code EvalDecisionDetails} where the model says; {@code MaxItems} /
 * {@code Marker} page through the results.
 */
public final class SimulatorActions {
    private final PolicySimulator simulator;

    private SimulatorActions(PolicySimulator simulator) {
        this.simulator = simulator;
    }

    public static List<QueryAction> actions(PolicySimulator simulator) {
        SimulatorActions a = new SimulatorActions(simulator);
        return List.of(
                QueryAction.signed("SimulateCustomPolicy", (call, xml) -> a.simulate(call, xml, false)),
                QueryAction.signed("SimulatePrincipalPolicy", (call, xml) -> a.simulate(call, xml, true)),
                QueryAction.signed("GetContextKeysForCustomPolicy", (call, xml) -> a.contextKeys(call, xml, false)),
                QueryAction.signed("GetContextKeysForPrincipalPolicy", (call, xml) -> a.contextKeys(call, xml, true)));
    }

    private void simulate(ActionCall call, XmlWriter xml, boolean principal) {
        refuseRoleSessions(call, principal ? call.required("PolicySourceArn") : "*");
        SimulationRequest request = new SimulationRequest(
                principal ? Optional.of(call.required("PolicySourceArn")) : Optional.empty(),
                strings(call, "PolicyInputList"), strings(call, "PermissionsBoundaryPolicyInputList"),
                strings(call, "ActionNames"), strings(call, "ResourceArns"), call.optional("ResourcePolicy"),
                call.optional("ResourceOwner"), call.optional("CallerArn"), contextEntries(call));
        if (!principal && request.policyInputs().isEmpty()) {
            throw AwsError.sender("InvalidInput", "PolicyInputList must contain at least one policy.", 400).exception();
        }
        if (request.actions().isEmpty()) {
            throw AwsError.sender("InvalidInput", "ActionNames must contain at least one action.", 400).exception();
        }
        List<SimulationResult> results = simulator.simulate(call.caller().accountId(), request);
        int start = call.optional("Marker").map(SimulatorActions::markerIndex).orElse(0);
        if (start > results.size()) {
            throw AwsError.sender("InvalidInput", "Invalid Marker.", 400).exception();
        }
        int end = Math.min(results.size(), start + call.integer("MaxItems").orElse(100));
        xml.start("EvaluationResults");
        results.subList(start, end).forEach(r -> writeResult(xml, r));
        xml.end();
        xml.element("IsTruncated", end < results.size());
        if (end < results.size()) {
            xml.element("Marker", marker(end));
        }
    }

    private void contextKeys(ActionCall call, XmlWriter xml, boolean principal) {
        Optional<String> source = principal ? Optional.of(call.required("PolicySourceArn")) : Optional.empty();
        refuseRoleSessions(call, source.orElse("*"));
        List<String> inputs = strings(call, "PolicyInputList");
        if (!principal && inputs.isEmpty()) {
            throw AwsError.sender("InvalidInput", "PolicyInputList must contain at least one policy.", 400).exception();
        }
        xml.start("ContextKeyNames");
        simulator.contextKeys(call.caller().accountId(), source, inputs).forEach(k -> xml.element("member", k));
        xml.end();
    }

    /** A role session or user may simulate when its policies allow it, as for the other IAM actions. */
    private static void refuseRoleSessions(ActionCall call, String resource) {
        IamAction.authorize(call, resource);
    }

    private static void writeResult(XmlWriter xml, SimulationResult result) {
        Evaluation e = result.evaluation();
        xml.start("member")
                .element("EvalActionName", result.action())
                .element("EvalResourceName", result.resource())
                .element("EvalDecision", e.decision().wireName());
        writeStatements(xml, e);
        xml.start("MissingContextValues");
        if (!result.resourceSpecific()) {
            e.missingContextKeys().forEach(k -> xml.element("member", k));
        }
        xml.end();
        writeBoundary(xml, e);
        writeDecisionDetails(xml, result.decisionDetails());
        if (result.resourceSpecific()) {
            xml.start("ResourceSpecificResults").start("member")
                    .element("EvalResourceName", result.resource())
                    .element("EvalResourceDecision", e.decision().wireName());
            writeStatements(xml, e);
            xml.start("MissingContextValues");
            e.missingContextKeys().forEach(k -> xml.element("member", k));
            xml.end();
            result.decisionDetails().filter(d -> !d.isEmpty()).ifPresent(d -> writeDecisionDetails(xml, Optional.of(d)));
            writeBoundary(xml, e);
            xml.end().end();
        }
        xml.end();
    }

    /** {@code EvalDecisionDetails}, a Query map: {@code entry} / {@code key} / {@code value}. */
    private static void writeDecisionDetails(XmlWriter xml, Optional<Map<String, Decision>> details) {
        details.ifPresent(d -> {
            xml.start("EvalDecisionDetails");
            d.forEach((source, decision) -> xml.start("entry").element("key", source)
                    .element("value", decision.wireName()).end());
            xml.end();
        });
    }

    private static void writeStatements(XmlWriter xml, Evaluation e) {
        xml.start("MatchedStatements");
        for (MatchedStatement m : e.matchedStatements()) {
            xml.start("member").element("SourcePolicyId", m.source().id())
                    .element("SourcePolicyType", sourcePolicyType(m.source().type()));
            position(xml, "StartPosition", m.statement().start());
            position(xml, "EndPosition", m.statement().end());
            xml.end();
        }
        xml.end();
    }

    /**
     * What AWS's simulator answers in {@code SourcePolicyType}: {@code IAM Policy} for identity-based policies
     * (input, inline or managed) and {@code Resource Policy} for the {@code ResourcePolicy}, as its responses show,
     * rather than the model's enum ({@code user | role | aws-managed | ...}), which it does not use.
     */
    private static String sourcePolicyType(PolicySourceType type) {
        return type == PolicySourceType.RESOURCE ? SimulationResult.RESOURCE_SOURCE : SimulationResult.IDENTITY_SOURCE;
    }

    private static void writeBoundary(XmlWriter xml, Evaluation e) {
        e.allowedByBoundary().ifPresent(allowed -> xml.start("PermissionsBoundaryDecisionDetail")
                .element("AllowedByPermissionsBoundary", allowed).end());
    }

    private static void position(XmlWriter xml, String name, Position position) {
        xml.start(name).element("Line", position.line()).element("Column", position.column()).end();
    }

    /** {@code Name.member.N}, in N order. */
    private static List<String> strings(ActionCall call, String name) {
        List<String> values = new ArrayList<>();
        call.parameters().structList(name + ".member").forEach(m -> values.add(m.getOrDefault("", "")));
        return values;
    }

    private static List<ContextEntry> contextEntries(ActionCall call) {
        List<ContextEntry> entries = new ArrayList<>();
        for (Map<String, String> entry : call.parameters().structList("ContextEntries.member")) {
            TreeMap<Integer, String> values = new TreeMap<>();
            entry.forEach((field, value) -> {
                if (field.startsWith("ContextKeyValues.member.")) {
                    String index = field.substring("ContextKeyValues.member.".length());
                    if (index.matches("[1-9]\\d{0,8}")) {
                        values.put(Integer.parseInt(index), value);
                    }
                }
            });
            entries.add(new ContextEntry(entry.getOrDefault("ContextKeyName", ""), new ArrayList<>(values.values()),
                    entry.getOrDefault("ContextKeyType", "string")));
        }
        return entries;
    }

    private static String marker(int index) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("sim:" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int markerIndex(String marker) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.matches("sim:\\d{1,9}")) {
                return Integer.parseInt(text.substring(4));
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw AwsError.sender("InvalidInput", "Invalid Marker.", 400).exception();
    }
}
