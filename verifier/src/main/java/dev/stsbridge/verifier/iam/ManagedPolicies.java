package dev.stsbridge.verifier.iam;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;

/**
 * IAM's managed-policy operations, scoped to the caller's account: names unique per account ignoring case, documents
 * checked by the injected {@link PermissionPolicyValidator} ({@code MalformedPolicyDocument}) and against the
 * {@value #POLICY_SIZE_QUOTA}-character quota (not counting white space), at most {@value ManagedPolicy#MAX_VERSIONS}
 * versions, no deletion while attached or with non-default versions. AWS managed policies ({@link AwsManagedPolicies})
 * can be read and listed but not changed: that is {@code AccessDenied}, as for any IAM resource of another account.
 */
public final class ManagedPolicies {

    public static final int POLICY_SIZE_QUOTA = 6144;
    public static final int MAX_POLICIES_PER_ACCOUNT = 1500;

    private final IamStore store;
    private final PermissionPolicyValidator validator;
    private final IamIds ids;
    private final Clock clock;

    public ManagedPolicies(IamStore store, PermissionPolicyValidator validator, IamIds ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** CreatePolicy's parameters. */
    public record NewPolicy(String name, Optional<String> path, String document, Optional<String> description,
                            List<Tag> tags) {
        public NewPolicy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(description, "description");
            tags = List.copyOf(tags);
        }
    }

    /** ListPolicies' {@code Scope}. */
    public enum Scope { All, AWS, Local }

    /** ListPolicies' {@code PolicyUsageFilter}. */
    public enum Usage { PermissionsPolicy, PermissionsBoundary }

    /** ListPolicies' filters. */
    public record Filter(Scope scope, boolean onlyAttached, String pathPrefix, Optional<Usage> usage) {
        public Filter {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(pathPrefix, "pathPrefix");
            Objects.requireNonNull(usage, "usage");
        }
    }

    public AccountPolicy create(IamCaller caller, NewPolicy request) {
        checkDocument(request.document());
        List<Tag> tags = Tag.requireUniqueKeys(request.tags());
        String path = request.path().orElse("/");
        Instant now = now();
        return store.change(snapshot -> {
            if (snapshot.policyNamed(caller.accountId(), request.name()).isPresent()) {
                throw AwsError.sender("EntityAlreadyExists", "A policy called " + request.name()
                        + " already exists. Duplicate names are not allowed.", 409).exception();
            }
            if (snapshot.policies(caller.accountId()).size() >= MAX_POLICIES_PER_ACCOUNT) {
                throw PolicyDocuments.limitExceeded("Cannot exceed quota for PoliciesPerAccount: "
                        + MAX_POLICIES_PER_ACCOUNT + ".");
            }
            ManagedPolicy policy = new ManagedPolicy(Arns.policy(caller.accountId(), path, request.name()),
                    caller.accountId(), request.name(), path, ids.policyId(),
                    request.description().filter(d -> !d.isEmpty()), now, "v1",
                    List.of(new PolicyVersion("v1", request.document(), now)), 2, tags);
            return new Change<>(snapshot.withPolicy(policy), AccountPolicy.of(snapshot, caller.accountId(), policy));
        });
    }

    public AccountPolicy get(IamCaller caller, String arn) {
        IamSnapshot snapshot = store.snapshot();
        return AccountPolicy.of(snapshot, caller.accountId(), require(snapshot, caller, arn));
    }

    public void delete(IamCaller caller, String arn) {
        store.change(snapshot -> {
            ManagedPolicy policy = requireOwn(snapshot, caller, arn);
            AccountPolicy use = AccountPolicy.of(snapshot, caller.accountId(), policy);
            if (use.attachmentCount() > 0 || use.permissionsBoundaryUsageCount() > 0) {
                throw deleteConflict("Cannot delete a policy attached to entities.");
            }
            if (policy.versions().size() > 1) {
                throw deleteConflict("This policy has more than one version. Before you delete a policy, you must "
                        + "delete the policy's versions. The default version is deleted with the policy.");
            }
            return new Change<>(snapshot.withoutPolicy(arn), policy);
        });
    }

    /** The policies the caller's account sees, AWS managed first, each group by name. */
    public List<AccountPolicy> list(IamCaller caller, Filter filter) {
        IamSnapshot snapshot = store.snapshot();
        Stream<ManagedPolicy> aws = filter.scope() == Scope.Local ? Stream.empty() : AwsManagedPolicies.all().stream();
        Stream<ManagedPolicy> local = filter.scope() == Scope.AWS ? Stream.empty()
                : snapshot.policies(caller.accountId()).stream();
        return Stream.concat(aws, local)
                .filter(p -> p.path().startsWith(filter.pathPrefix()))
                .map(p -> AccountPolicy.of(snapshot, caller.accountId(), p))
                .filter(p -> matches(p, filter))
                .toList();
    }

    private static boolean matches(AccountPolicy policy, Filter filter) {
        boolean boundaryOnly = filter.usage().filter(u -> u == Usage.PermissionsBoundary).isPresent();
        if (boundaryOnly) {
            return policy.permissionsBoundaryUsageCount() > 0;
        }
        return !filter.onlyAttached() || policy.attachmentCount() > 0;
    }

    public PolicyVersion createVersion(IamCaller caller, String arn, String document, boolean setAsDefault) {
        checkDocument(document);
        Instant now = now();
        return store.change(snapshot -> {
            ManagedPolicy policy = requireOwn(snapshot, caller, arn);
            if (policy.versions().size() >= ManagedPolicy.MAX_VERSIONS) {
                throw PolicyDocuments.limitExceeded("A managed policy can have up to " + ManagedPolicy.MAX_VERSIONS
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            PolicyVersion version = new PolicyVersion("v" + policy.nextVersion(), document, now);
            List<PolicyVersion> versions = new ArrayList<>(policy.versions());
            versions.add(version);
            ManagedPolicy next = policy.withVersions(versions,
                    setAsDefault ? version.versionId() : policy.defaultVersionId(), policy.nextVersion() + 1);
            return new Change<>(snapshot.withPolicy(next), version);
        });
    }

    public PolicyVersion version(IamCaller caller, String arn, String versionId) {
        return requireVersion(require(store.snapshot(), caller, arn), versionId);
    }

    /** A policy with its versions (for ListPolicyVersions, which also marks the default). */
    public ManagedPolicy versions(IamCaller caller, String arn) {
        return require(store.snapshot(), caller, arn);
    }

    public void deleteVersion(IamCaller caller, String arn, String versionId) {
        store.change(snapshot -> {
            ManagedPolicy policy = requireOwn(snapshot, caller, arn);
            PolicyVersion version = requireVersion(policy, versionId);
            if (version.versionId().equals(policy.defaultVersionId())) {
                throw deleteConflict("Cannot delete the default version of a policy.");
            }
            List<PolicyVersion> versions = policy.versions().stream().filter(v -> v != version).toList();
            return new Change<>(snapshot.withPolicy(policy.withVersions(versions, policy.defaultVersionId(),
                    policy.nextVersion())), version);
        });
    }

    public void setDefaultVersion(IamCaller caller, String arn, String versionId) {
        store.change(snapshot -> {
            ManagedPolicy policy = requireOwn(snapshot, caller, arn);
            PolicyVersion version = requireVersion(policy, versionId);
            return new Change<>(snapshot.withPolicy(policy.withVersions(policy.versions(), version.versionId(),
                    policy.nextVersion())), version);
        });
    }

    private void checkDocument(String document) {
        validator.validate(document);
        if (PolicyDocuments.size(document) > POLICY_SIZE_QUOTA) {
            throw PolicyDocuments.limitExceeded("Cannot exceed quota for PolicySize: " + POLICY_SIZE_QUOTA);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** A policy the caller may read: its account's or AWS's. */
    private static ManagedPolicy require(IamSnapshot snapshot, IamCaller caller, String arn) {
        Arns.PolicyName name = PolicyDocuments.parse(arn);
        if (!name.owner().equals(ManagedPolicy.AWS) && !name.owner().equals(caller.accountId())) {
            throw caller.crossAccount(arn);
        }
        return snapshot.policy(arn).orElseThrow(() ->
                AwsError.sender("NoSuchEntity", "Policy " + arn + " was not found.", 404).exception());
    }

    /** A policy the caller may change: its account's own (AWS managed ones are AWS's). */
    private static ManagedPolicy requireOwn(IamSnapshot snapshot, IamCaller caller, String arn) {
        ManagedPolicy policy = require(snapshot, caller, arn);
        if (policy.awsManaged()) {
            throw caller.crossAccount(arn);
        }
        return policy;
    }

    private static PolicyVersion requireVersion(ManagedPolicy policy, String versionId) {
        return policy.version(versionId).orElseThrow(() -> AwsError.sender("NoSuchEntity", "Policy " + policy.arn()
                + " version " + versionId + " does not exist or is not attachable.", 404).exception());
    }

    private static AwsException deleteConflict(String message) {
        return AwsError.sender("DeleteConflict", message, 409).exception();
    }
}
