package dev.stsbridge.verifier.iam;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;

/**
 * IAM's role operations, scoped to the caller's account: names unique ignoring case ({@code EntityAlreadyExists}
 * "Role with name X already exists."), trust policies checked by the injected {@link TrustPolicyValidator}
 * ({@code MalformedPolicyDocument}) and against IAM's default size quota ({@value #TRUST_POLICY_QUOTA} characters
 * not counting white space, {@code LimitExceeded}), {@code NoSuchEntity} "The role with name X cannot be found.".
 * Messages are the ones recorded from AWS where a recording exists.
 */
public final class Roles {

    public static final int MAX_ROLES_PER_ACCOUNT = 1000;
    public static final int TRUST_POLICY_QUOTA = 2048;
    public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy/.+");

    private final IamStore store;
    private final TrustPolicyValidator trustPolicies;
    private final IamIds ids;
    private final Clock clock;

    public Roles(IamStore store, TrustPolicyValidator trustPolicies, IamIds ids, Clock clock) {
        this.store = store;
        this.trustPolicies = trustPolicies;
        this.ids = ids;
        this.clock = clock;
    }

    /** CreateRole's parameters. */
    public record NewRole(String name, Optional<String> path, String assumeRolePolicyDocument,
                          Optional<String> description, Optional<Integer> maxSessionDuration,
                          Optional<String> permissionsBoundary, List<Tag> tags) {
        public NewRole {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(maxSessionDuration, "maxSessionDuration");
            Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
            tags = List.copyOf(tags);
        }
    }

    public RoleEntry create(IamCaller caller, NewRole request) {
        checkTrustPolicy(request.assumeRolePolicyDocument());
        request.permissionsBoundary().ifPresent(Roles::refusePermissionsBoundary);
        List<Tag> tags = Tag.requireUniqueKeys(request.tags());
        String path = request.path().orElse("/");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return store.change(snapshot -> {
            if (snapshot.role(caller.accountId(), request.name()).isPresent()) {
                throw AwsError.sender("EntityAlreadyExists", "Role with name " + request.name() + " already exists.",
                        409).exception();
            }
            if (snapshot.roles(caller.accountId()).size() >= MAX_ROLES_PER_ACCOUNT) {
                throw AwsError.sender("LimitExceeded", "Cannot exceed quota for RolesPerAccount: "
                        + MAX_ROLES_PER_ACCOUNT + ".", 409).exception();
            }
            IamRole role = new IamRole(Arns.role(caller.accountId(), path, request.name()), caller.accountId(),
                    request.name(), path, ids.roleId(), request.assumeRolePolicyDocument(),
                    request.maxSessionDuration().orElse(DEFAULT_MAX_SESSION_DURATION), now, Tag.asMap(tags));
            RoleEntry entry = new RoleEntry(role, request.description().filter(d -> !d.isEmpty()), tags);
            return new Change<>(snapshot.withRole(entry), entry);
        });
    }

    public RoleEntry get(IamCaller caller, String name) {
        return require(store.snapshot(), caller, name);
    }

    public void updateAssumeRolePolicy(IamCaller caller, String name, String policyDocument) {
        checkTrustPolicy(policyDocument);
        store.change(snapshot -> {
            RoleEntry current = require(snapshot, caller, name);
            IamRole r = current.role();
            IamRole next = new IamRole(r.arn(), r.accountId(), r.name(), r.path(), r.roleId(), policyDocument,
                    r.maxSessionDurationSeconds(), r.createDate(), r.tags());
            RoleEntry entry = new RoleEntry(next, current.description(), current.tags());
            return new Change<>(snapshot.withRole(entry), entry);
        });
    }

    public void delete(IamCaller caller, String name) {
        store.change(snapshot -> {
            RoleEntry current = require(snapshot, caller, name);
            return new Change<>(snapshot.withoutRole(caller.accountId(), current.role().name()), current);
        });
    }

    /** The account's roles whose path starts with {@code pathPrefix} (all when absent), by name. */
    public List<RoleEntry> list(IamCaller caller, Optional<String> pathPrefix) {
        return store.snapshot().roles(caller.accountId()).stream()
                .filter(r -> r.role().path().startsWith(pathPrefix.orElse("/")))
                .toList();
    }

    private void checkTrustPolicy(String document) {
        trustPolicies.validate(document);
        long size = document.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (size > TRUST_POLICY_QUOTA) {
            throw AwsError.sender("LimitExceeded", "Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_QUOTA,
                    409).exception();
        }
    }

    /** The model has no managed policies, so a boundary can only name a policy that does not exist here. */
    private static void refusePermissionsBoundary(String arn) {
        if (!POLICY_ARN.matcher(arn).matches()) {
            throw AwsError.sender("InvalidInput", "ARN " + arn + " is not valid.", 400).exception();
        }
        throw AwsError.sender("NoSuchEntity", "Scope ARN: " + arn + " does not exist or is not attachable.", 404)
                .exception();
    }

    private static RoleEntry require(IamSnapshot snapshot, IamCaller caller, String name) {
        return snapshot.role(caller.accountId(), name).orElseThrow(() -> noSuchRole(name));
    }

    private static AwsException noSuchRole(String name) {
        return AwsError.sender("NoSuchEntity", "The role with name " + name + " cannot be found.", 404).exception();
    }
}
