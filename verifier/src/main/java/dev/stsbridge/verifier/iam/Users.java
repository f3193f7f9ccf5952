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
 * IAM's user operations in the caller's account: CreateUser (names unique ignoring case, at most
 * {@value #MAX_USERS_PER_ACCOUNT}), GetUser, DeleteUser (refused while the user has access keys, an MFA device or
 * policies: {@code DeleteConflict}), ListUsers, and the user's tags (TagUser, UntagUser, ListUserTags).
 */
public final class Users {

    public static final int MAX_USERS_PER_ACCOUNT = 5000;
    public static final int MAX_TAGS_PER_USER = 50;

    private final IamStore store;
    private final IamIds ids;
    private final Clock clock;

    public Users(IamStore store, IamIds ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** CreateUser's parameters. */
    public record NewUser(String name, Optional<String> path, Optional<String> permissionsBoundary, List<Tag> tags) {
        public NewUser {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
            tags = List.copyOf(tags);
        }
    }

    public UserEntry create(IamCaller caller, NewUser request) {
        List<Tag> tags = Tag.requireUniqueKeys(request.tags());
        String path = request.path().orElse("/");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return store.change(snapshot -> {
            if (snapshot.user(caller.accountId(), request.name()).isPresent()) {
                throw AwsError.sender("EntityAlreadyExists", "User with name " + request.name() + " already exists.",
                        409).exception();
            }
            if (snapshot.users(caller.accountId()).size() >= MAX_USERS_PER_ACCOUNT) {
                throw PolicyDocuments.limitExceeded("Cannot exceed quota for UsersPerAccount: "
                        + MAX_USERS_PER_ACCOUNT + ".");
            }
            Optional<String> boundary = request.permissionsBoundary()
                    .map(arn -> PolicyDocuments.boundary(snapshot, caller, arn).arn());
            IamUser user = new IamUser(Arns.user(caller.accountId(), path, request.name()), caller.accountId(),
                    request.name(), path, ids.userId(), now, Tag.asMap(tags));
            UserEntry entry = new UserEntry(user, tags, List.of(), List.of(), boundary, List.of());
            return new Change<>(snapshot.withUser(entry), entry);
        });
    }

    public UserEntry get(IamCaller caller, String name) {
        return require(store.snapshot(), caller, name);
    }

    public void delete(IamCaller caller, String name) {
        store.change(snapshot -> {
            UserEntry current = require(snapshot, caller, name);
            if (!current.accessKeys().isEmpty()) {
                throw deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            if (snapshot.mfaDevices(caller.accountId()).stream()
                    .anyMatch(d -> d.userName().filter(current.user().name()::equals).isPresent())) {
                throw deleteConflict("Cannot delete entity, must delete MFA device first.");
            }
            if (!current.inlinePolicies().isEmpty()) {
                throw deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!current.attachedPolicyArns().isEmpty()) {
                throw deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            return new Change<>(snapshot.withoutUser(caller.accountId(), current.user().name()), current);
        });
    }

    /** The account's users whose path starts with {@code pathPrefix} (all when absent), by name. */
    public List<UserEntry> list(IamCaller caller, Optional<String> pathPrefix) {
        return store.snapshot().users(caller.accountId()).stream()
                .filter(u -> u.user().path().startsWith(pathPrefix.orElse("/"))).toList();
    }

    /** Adds tags, replacing the value of a key the user has (ignoring case); at most {@value #MAX_TAGS_PER_USER}. */
    public void tag(IamCaller caller, String name, List<Tag> tags) {
        List<Tag> added = Tag.requireUniqueKeys(tags);
        store.change(snapshot -> {
            UserEntry current = require(snapshot, caller, name);
            List<Tag> next = new ArrayList<>();
            for (Tag tag : current.tags()) {
                next.add(added.stream().filter(t -> t.key().equalsIgnoreCase(tag.key())).findFirst().orElse(tag));
            }
            added.stream().filter(t -> next.stream().noneMatch(n -> n.key().equalsIgnoreCase(t.key())))
                    .forEach(next::add);
            if (next.size() > MAX_TAGS_PER_USER) {
                throw PolicyDocuments.limitExceeded("Cannot exceed quota for TagsPerUser: " + MAX_TAGS_PER_USER + ".");
            }
            UserEntry entry = current.withTags(next);
            return new Change<>(snapshot.withUser(entry), entry);
        });
    }

    /** Removes the tags with these keys (ignoring case); keys the user does not have are ignored. */
    public void untag(IamCaller caller, String name, List<String> keys) {
        store.change(snapshot -> {
            UserEntry current = require(snapshot, caller, name);
            UserEntry entry = current.withTags(current.tags().stream()
                    .filter(t -> keys.stream().noneMatch(k -> k.equalsIgnoreCase(t.key()))).toList());
            return new Change<>(snapshot.withUser(entry), entry);
        });
    }

    static UserEntry require(IamSnapshot snapshot, IamCaller caller, String name) {
        return snapshot.user(caller.accountId(), name).orElseThrow(() -> noSuchUser(name));
    }

    static AwsException noSuchUser(String name) {
        return AwsError.sender("NoSuchEntity", "The user with name " + name + " cannot be found.", 404).exception();
    }

    private static AwsException deleteConflict(String message) {
        return AwsError.sender("DeleteConflict", message, 409).exception();
    }
}
