package dev.stsbridge.verifier.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.Arns;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.iam.PermissionPolicy;
import dev.stsbridge.verifier.iam.RolePermissions;
import dev.stsbridge.verifier.policy.Decision;
import dev.stsbridge.verifier.policy.PermissionPolicies;
import dev.stsbridge.verifier.policy.Policy;
import dev.stsbridge.verifier.policy.PolicyEngine;
import dev.stsbridge.verifier.policy.PolicyGrammar;
import dev.stsbridge.verifier.policy.PolicySet;
import dev.stsbridge.verifier.policy.PolicySourceType;
import dev.stsbridge.verifier.policy.RequestContext;
import dev.stsbridge.verifier.policy.Requester;
import dev.stsbridge.verifier.policy.SourcedPolicy;

/**
 * The IAM policy simulator: builds the {@link PolicySet} and {@link RequestContext} a simulation asks for and lets
 * the {@link PolicyEngine} (the same one that decides trust policies and role sessions' calls) evaluate every
 * action on every resource.
 *
 * <ul>
 *   <li>Policies: {@code PolicyInputList.N} (identity-based), {@code PermissionsBoundaryPolicyInputList.N},
 *       {@code ResourcePolicy}; SimulatePrincipalPolicy adds the role's inline policies (type {@code role}) and
 *       attached managed policies ({@code user-managed} / {@code aws-managed}) by name, and the role's permissions
 *       boundary unless a boundary is passed, which overrides it.</li>
 *   <li>Who asks: {@code CallerArn} (an IAM user ARN, as AWS requires), else a session of the simulated role, else
 *       the calling account's root. {@code CallerArn} is required with a {@code ResourcePolicy} unless the source
 *       is a user.</li>
 *   <li>Context: exactly the {@code ContextEntries}; the simulator adds nothing (as AWS's, it reports the keys
 *       the policies read but were not given as {@code MissingContextValues}).</li>
 *   <li>A resource is in another account when its ARN names one, or {@code ResourceOwner} does; then the identity
 *       side and the resource policy must both allow.</li>
 * </ul>
 * Malformed input policies are {@code InvalidInput} (the simulator's error list has no MalformedPolicyDocument)
 * carrying IAM's grammar message.
 */
public final class PolicySimulator {
    private static final Pattern USER = Pattern.compile("arn:aws:iam::(\\d{12}):user/(?:.*/)?([^/]+)");
    private static final Pattern GROUP = Pattern.compile("arn:aws:iam::(\\d{12}):group/(?:.*/)?([^/]+)");
    private static final Pattern ARN = Pattern.compile("arn:[^:]+:[^:]*:[^:]*:[^:]*:.+");
    private static final Pattern OWNER = Pattern.compile("arn:aws:iam::(\\d{12}):root|(\\d{12})");

    private final IamDirectory iam;
    private final PermissionPolicies policies;
    private final PolicyEngine engine = new PolicyEngine();

    public PolicySimulator(IamDirectory iam, PermissionPolicies policies) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** SimulateCustomPolicy / SimulatePrincipalPolicy for a caller of {@code accountId}. */
    public List<SimulationResult> simulate(String accountId, SimulationRequest request) {
        List<ContextEntry> entries = request.contextEntries().stream().map(ContextEntry::validated).toList();
        Optional<IamRole> sourceRole = request.policySourceArn().map(arn -> sourceRole(accountId, arn));
        PolicySet policies = policySet(request, sourceRole);
        Requester requester = requester(accountId, request, sourceRole);
        Map<String, List<String>> keys = new LinkedHashMap<>();
        entries.forEach(e -> keys.put(e.name(), e.values()));
        List<String> resources = request.resources().isEmpty() ? List.of("*") : request.resources();
        refuseMalformedResources(resources);
        boolean resourceSpecific = !request.resources().isEmpty();
        String ownerAccount = request.resourceOwner().map(PolicySimulator::ownerAccount).orElse(requester.accountId());
        List<SimulationResult> results = new ArrayList<>();
        for (String action : request.actions()) {
            for (String resource : resources) {
                boolean crossAccount = request.resourcePolicy().isPresent()
                        && !resourceAccount(resource).orElse(ownerAccount).equals(requester.accountId());
                PolicySet set = policies.withResource(policies.resource(), crossAccount);
                RequestContext context = RequestContext.of(requester, action, resource, keys);
                results.add(new SimulationResult(action, resource, engine.evaluate(set, context), resourceSpecific,
                        decisionDetails(set, context, resourceSpecific)));
            }
        }
        return results;
    }

    /**
     * {@code EvalDecisionDetails}, as the model documents it: not returned for a same-account simulation on
     * {@code *}, present and empty for a same-account one on a resource ARN, and for a cross-account one the
     * decision of each side ({@code IAM Policy}: identity-based policies and boundary; {@code Resource Policy}).
     */
    private Optional<Map<String, Decision>> decisionDetails(PolicySet set, RequestContext context,
                                                           boolean resourceSpecific) {
        if (!set.crossAccount()) {
            return resourceSpecific ? Optional.of(Map.of()) : Optional.empty();
        }
        PolicySet identitySide = new PolicySet(set.identity(), List.of(), set.boundary(), set.session(), false);
        PolicySet resourceSide = new PolicySet(List.of(), set.resource(), Optional.empty(), Optional.empty(), false);
        Map<String, Decision> details = new LinkedHashMap<>();
        details.put(SimulationResult.IDENTITY_SOURCE, engine.evaluate(identitySide, context).decision());
        details.put(SimulationResult.RESOURCE_SOURCE, engine.evaluate(resourceSide, context).decision());
        return Optional.of(details);
    }

    /** GetContextKeysForCustomPolicy / GetContextKeysForPrincipalPolicy: the keys the policies read, sorted. */
    public List<String> contextKeys(String accountId, Optional<String> policySourceArn, List<String> policyInputs) {
        List<String> documents = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        policySourceArn.map(arn -> sourceRole(accountId, arn)).ifPresent(r -> iam.permissions(r.arn())
                .identityPolicies().forEach(p -> {
                    documents.add(p.document());
                    policies.add(parse(p.document(), PolicyGrammar.IDENTITY, p.name()));
                }));
        for (int i = 0; i < policyInputs.size(); i++) {
            documents.add(policyInputs.get(i));
            policies.add(parse(policyInputs.get(i), PolicyGrammar.IDENTITY, "PolicyInputList." + (i + 1)));
        }
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> ordered = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            String document = documents.get(i).toLowerCase(Locale.ROOT);
            policies.get(i).contextKeys().stream()
                    .sorted(Comparator.comparingInt(k -> firstMention(document, k)))
                    .filter(keys::add)
                    .forEach(ordered::add);
        }
        return List.copyOf(ordered);
    }

    /**
     * Where a key first appears in a policy's text (as a variable or a condition key), for AWS's order of
     * GetContextKeysFor*: the keys of each policy as they appear in it (the AWS CLI's documented example lists a
     * {@code Resource}'s {@code ${aws:username}} before the condition's {@code aws:CurrentTime}).
     */
    private static int firstMention(String lowerCaseDocument, String key) {
        int at = lowerCaseDocument.indexOf(key.toLowerCase(Locale.ROOT));
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    private PolicySet policySet(SimulationRequest request, Optional<IamRole> sourceRole) {
        List<SourcedPolicy> identity = new ArrayList<>();
        Optional<SourcedPolicy> roleBoundary = Optional.empty();
        if (sourceRole.isPresent()) {
            RolePermissions permissions = iam.permissions(sourceRole.get().arn());
            String roleName = sourceRole.get().name();
            permissions.identityPolicies().forEach(p -> identity.add(sourced(roleName, p)));
            roleBoundary = permissions.boundary().map(p -> sourced(roleName, p));
        }
        for (int i = 0; i < request.policyInputs().size(); i++) {
            String id = "PolicyInputList." + (i + 1);
            identity.add(new SourcedPolicy(id, PolicySourceType.NONE,
                    parse(request.policyInputs().get(i), PolicyGrammar.IDENTITY, id)));
        }
        PolicySet set = PolicySet.identityOnly(identity);
        if (!request.boundaryInputs().isEmpty()) {
            List<SourcedPolicy> boundary = new ArrayList<>();
            for (int i = 0; i < request.boundaryInputs().size(); i++) {
                String id = "PermissionsBoundaryPolicyInputList." + (i + 1);
                boundary.add(new SourcedPolicy(id, PolicySourceType.NONE,
                        parse(request.boundaryInputs().get(i), PolicyGrammar.IDENTITY, id)));
            }
            set = set.withBoundary(boundary);
        } else if (roleBoundary.isPresent()) {
            set = set.withBoundary(List.of(roleBoundary.get()));
        }
        if (request.resourcePolicy().isPresent()) {
            set = set.withResource(List.of(new SourcedPolicy("ResourcePolicy", PolicySourceType.RESOURCE,
                    parse(request.resourcePolicy().get(), PolicyGrammar.RESOURCE, "ResourcePolicy"))), false);
        }
        return set;
    }

    /**
     * A role's policy as AWS's simulator names it ({@code SourcePolicyId}): an inline policy as
     * {@code role_<role name>_<policy name>}, a managed policy (customer or AWS) by its name.
     */
    private SourcedPolicy sourced(String roleName, PermissionPolicy policy) {
        SourcedPolicy sourced = policies.sourced(policy);
        return policy.kind() == PermissionPolicy.Kind.INLINE
                ? new SourcedPolicy("role_" + roleName + "_" + policy.name(), sourced.type(), sourced.policy())
                : sourced;
    }

    private static Policy parse(String document, PolicyGrammar grammar, String where) {
        try {
            return Policy.parse(document, grammar);
        } catch (AwsException e) {
            throw ContextEntry.invalid(where + ": " + e.error().message());
        }
    }

    /** The role a PolicySourceArn names, in the caller's account. Users and groups do not exist in this model. */
    private IamRole sourceRole(String accountId, String arn) {
        Optional<Arns.RoleName> role = Arns.parseRole(arn);
        if (role.isPresent()) {
            if (!role.get().accountId().equals(accountId)) {
                throw noSuchEntity("The role with name " + role.get().name() + " cannot be found.");
            }
            return iam.role(arn).orElseThrow(() -> noSuchEntity("The role with name " + role.get().name()
                    + " cannot be found."));
        }
        Matcher user = USER.matcher(arn);
        if (user.matches()) {
            throw noSuchEntity("The user with name " + user.group(2) + " cannot be found.");
        }
        Matcher group = GROUP.matcher(arn);
        if (group.matches()) {
            throw noSuchEntity("The group with name " + group.group(2) + " cannot be found.");
        }
        throw ContextEntry.invalid("Invalid Entity Arn: " + arn + " does not clearly define entity type and name.");
    }

    private static Requester requester(String accountId, SimulationRequest request, Optional<IamRole> sourceRole) {
        if (request.callerArn().isPresent()) {
            Matcher user = USER.matcher(request.callerArn().get());
            if (!user.matches()) {
                throw ContextEntry.invalid("CallerArn must be the ARN of an IAM user: "
                        + request.callerArn().get() + ".");
            }
            return Requester.user(request.callerArn().get(), user.group(1));
        }
        if (request.resourcePolicy().isPresent()) {
            throw ContextEntry.invalid("CallerArn is required when ResourcePolicy is given and PolicySourceArn is "
                    + "not an IAM user.");
        }
        if (sourceRole.isPresent()) {
            IamRole role = sourceRole.get();
            String partition = role.arn().split(":")[1];
            return Requester.roleSession("arn:" + partition + ":sts::" + role.accountId() + ":assumed-role/"
                    + role.name() + "/simulation", role.arn(), role.accountId());
        }
        return Requester.accountRoot(accountId);
    }

    /** AWS's answer to ResourceArns that are no ARN (a KMS key ID, a bucket name): {@code InvalidInput}. */
    private static void refuseMalformedResources(List<String> resources) {
        List<String> malformed = resources.stream().filter(r -> !r.equals("*") && !ARN.matcher(r).matches()).toList();
        if (!malformed.isEmpty()) {
            throw ContextEntry.invalid("ResourceNames are not in a valid ARN format: " + String.join(", ", malformed)
                    + ".");
        }
    }

    private static String ownerAccount(String owner) {
        Matcher m = OWNER.matcher(owner);
        if (!m.matches()) {
            throw ContextEntry.invalid("ResourceOwner must be an account ID or arn:aws:iam::<account ID>:root: "
                    + owner + ".");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** The account an ARN names (its fifth part), if it names one. */
    private static Optional<String> resourceAccount(String resource) {
        String[] parts = resource.split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? Optional.of(parts[4]) : Optional.empty();
    }

    private static RuntimeException noSuchEntity(String message) {
        return AwsError.sender("NoSuchEntity", message, 404).exception();
    }
}
