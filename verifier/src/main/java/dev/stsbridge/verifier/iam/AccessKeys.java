package dev.stsbridge.verifier.iam;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;

/**
 * A user's long-term access keys: CreateAccessKey (at most {@value #MAX_KEYS_PER_USER}; the secret is returned
 * this once), DeleteAccessKey, ListAccessKeys, UpdateAccessKey (Active / Inactive).
 */
public final class AccessKeys {

    public static final int MAX_KEYS_PER_USER = 2;

    private final IamStore store;
    private final IamIds ids;
    private final Clock clock;

    public AccessKeys(IamStore store, IamIds ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A key and the user it belongs to. */
    public record UserKey(String userName, AccessKey key) {
    }

    public UserKey create(IamCaller caller, String userName) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            if (user.accessKeys().size() >= MAX_KEYS_PER_USER) {
                throw PolicyDocuments.limitExceeded("Cannot exceed quota for AccessKeysPerUser: "
                        + MAX_KEYS_PER_USER);
            }
            AccessKey key = new AccessKey(ids.accessKeyId(), ids.secretAccessKey(), true, now);
            List<AccessKey> keys = new ArrayList<>(user.accessKeys());
            keys.add(key);
            return new Change<>(snapshot.withUser(user.withAccessKeys(keys)), new UserKey(user.user().name(), key));
        });
    }

    public void delete(IamCaller caller, String userName, String accessKeyId) {
        store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            AccessKey key = requireKey(user, accessKeyId);
            return new Change<>(snapshot.withUser(user.withAccessKeys(
                    user.accessKeys().stream().filter(k -> k != key).toList())), key);
        });
    }

    public void update(IamCaller caller, String userName, String accessKeyId, boolean active) {
        store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            AccessKey key = requireKey(user, accessKeyId);
            List<AccessKey> keys = user.accessKeys().stream().map(k -> k != key ? k
                    : new AccessKey(k.accessKeyId(), k.secretAccessKey(), active, k.createDate())).toList();
            return new Change<>(snapshot.withUser(user.withAccessKeys(keys)), key);
        });
    }

    /** The user's keys, oldest first. */
    public List<UserKey> list(IamCaller caller, String userName) {
        UserEntry user = Users.require(store.snapshot(), caller, userName);
        return user.accessKeys().stream().map(k -> new UserKey(user.user().name(), k)).toList();
    }

    private static AccessKey requireKey(UserEntry user, String accessKeyId) {
        return user.accessKeys().stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst()
                .orElseThrow(() -> noSuchKey(accessKeyId));
    }

    private static AwsException noSuchKey(String accessKeyId) {
        return AwsError.sender("NoSuchEntity", "The Access Key with id " + accessKeyId + " cannot be found.", 404)
                .exception();
    }
}
