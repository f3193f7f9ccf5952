package dev.stsbridge.verifier.iam;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;

/**
 * IAM's role operations, scoped to the caller's account: names unique ignoring case ({@code EntityAlreadyExists}
 * "Role with name X already exists."), trust policies checked by the injected {@link TrustPolicyValidator}
 * ({@code MalformedPolicyDocument}) and against IAM's default size quota ({@value #TRUST_POLICY_QUOTA} characters
 * not counting white space, {@code LimitExceeded}), {@code NoSuchEntity} "The role with name X cannot be found.",
 * an optional permissions boundary (a managed policy that must exist), tags, and no deletion while policies are
 * attached or inline ({@code DeleteConflict}).
 * Messages are the ones recorded from AWS where a recording exists.
 */
public final class Roles {

    public static final int MAX_ROLES_PER_ACCOUNT = 1000;
    public static final int TRUST_POLICY_QUOTA = 2048;
    public static final int DEFAULT_MAX_SESSION_DURATION = 3600;
    public static final int MAX_TAGS_PER_ROLE = 50;

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
            Optional<String> boundary = request.permissionsBoundary()
                    .map(arn -> PolicyDocuments.boundary(snapshot, caller, arn).arn());
            IamRole role = new IamRole(Arns.role(caller.accountId(), path, request.name()), caller.accountId(),
                    request.name(), path, ids.roleId(), request.assumeRolePolicyDocument(),
                    request.maxSessionDuration().orElse(DEFAULT_MAX_SESSION_DURATION), now, Tag.asMap(tags));
            RoleEntry entry = new RoleEntry(role, request.description().filter(d -> !d.isEmpty()), tags, List.of(),
                    List.of(), boundary);
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
            RoleEntry entry = current.withRole(next);
            return new Change<>(snapshot.withRole(entry), entry);
        });
    }

    public void delete(IamCaller caller, String name) {
        store.change(snapshot -> {
            RoleEntry current = require(snapshot, caller, name);
            if (!current.attachedPolicyArns().isEmpty()) {
                throw deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            if (!current.inlinePolicies().isEmpty()) {
                throw deleteConflict("Cannot delete entity, must delete policies first.");
            }
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

    /**
     * Adds tags to a role, replacing the value of a key it already has (keys compare ignoring case); at most
     * {@value #MAX_TAGS_PER_ROLE} in all.
     */
    public void tag(IamCaller caller, String name, List<Tag> tags) {
        List<Tag> added = Tag.requireUniqueKeys(tags);
        store.change(snapshot -> {
            RoleEntry current = require(snapshot, caller, name);
            List<Tag> next = new ArrayList<>();
            for (Tag tag : current.tags()) {
                next.add(added.stream().filter(t -> t.key().equalsIgnoreCase(tag.key())).findFirst().orElse(tag));
            }
            added.stream().filter(t -> next.stream().noneMatch(n -> n.key().equalsIgnoreCase(t.key())))
                    .forEach(next::add);
            if (next.size() > MAX_TAGS_PER_ROLE) {
                throw AwsError.sender("LimitExceeded", "Cannot exceed quota for TagsPerRole: " + MAX_TAGS_PER_ROLE
                        + ".", 409).exception();
            }
            RoleEntry entry = current.withTags(next);
            return new Change<>(snapshot.withRole(entry), entry);
        });
    }

    /** Removes the tags with these keys (ignoring case); keys the role does not have are ignored. */
    public void untag(IamCaller caller, String name, List<String> keys) {
        store.change(snapshot -> {
            RoleEntry current = require(snapshot, caller, name);
            RoleEntry entry = current.withTags(current.tags().stream()
                    .filter(t -> keys.stream().noneMatch(k -> k.equalsIgnoreCase(t.key()))).toList());
            return new Change<>(snapshot.withRole(entry), entry);
        });
    }

    private static AwsException deleteConflict(String message) {
        return AwsError.sender("DeleteConflict", message, 409).exception();
    }

    static RoleEntry require(IamSnapshot snapshot, IamCaller caller, String name) {
        return snapshot.role(caller.accountId(), name).orElseThrow(() -> noSuchRole(name));
    }

    private static AwsException noSuchRole(String name) {
        return AwsError.sender("NoSuchEntity", "The role with name " + name + " cannot be found.", 404).exception();
    }
}
