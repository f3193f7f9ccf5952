package dev.stsbridge.verifier.cognito;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.cognito.CognitoState.Identity;
import dev.stsbridge.verifier.cognito.CognitoState.Pool;
import dev.stsbridge.verifier.state.JsonStateFile;

/**
 * Identity pools and identities, per account, persisted in {@code <data-dir>/verifier/cognito.json} after every
 * change (one lock; a change that cannot be saved is not applied). IDs are {@code us-east-1:<uuid>}, as Cognito's.
 */
public final class IdentityPools {
    static final String REGION = "us-east-1";
    static final String AUTHENTICATED = "authenticated";
    static final String UNAUTHENTICATED = "unauthenticated";

    private final JsonStateFile<CognitoState> file;
    private final Map<String, Pool> pools = new LinkedHashMap<>();
    private final Map<String, Identity> identities = new LinkedHashMap<>();

    private IdentityPools(JsonStateFile<CognitoState> file) {
        this.file = file;
    }

    /** @throws IllegalStateException naming the file when it cannot be loaded */
    public static IdentityPools open(Path dataDir) {
        Path path = dataDir.resolve("verifier").resolve("cognito.json");
        IdentityPools store = new IdentityPools(new JsonStateFile<>(path, CognitoState.class));
        try {
            store.file.load().ifPresent(state -> {
                if (state.version() != CognitoState.VERSION) {
                    throw new IllegalStateException("unknown Cognito state format version " + state.version());
                }
                state.pools().forEach(p -> store.pools.put(p.id(), p));
                state.identities().forEach(i -> store.identities.put(i.id(), i));
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the Cognito state " + path + ": " + e.getMessage(), e);
        }
        return store;
    }

    public synchronized Pool create(String accountId, String name, boolean allowUnauthenticated,
                                    boolean allowClassicFlow, List<String> providerArns, Map<String, String> tags) {
        Pool pool = new Pool(REGION + ":" + UUID.randomUUID(), accountId, name, allowUnauthenticated,
                allowClassicFlow, providerArns, Map.of(), tags);
        pools.put(pool.id(), pool);
        save(() -> pools.remove(pool.id()));
        return pool;
    }

    /** The pool, if it exists in this account (another account's pool is not found, as on AWS). */
    public synchronized Pool require(String accountId, String poolId) {
        return Optional.ofNullable(pools.get(poolId)).filter(p -> p.accountId().equals(accountId))
                .orElseThrow(() -> CognitoErrors.poolNotFound(poolId));
    }

    /** A pool by ID, whatever its account (the unsigned calls name pools by ID only). */
    public synchronized Pool require(String poolId) {
        return Optional.ofNullable(pools.get(poolId)).orElseThrow(() -> CognitoErrors.poolNotFound(poolId));
    }

    public synchronized List<Pool> list(String accountId) {
        return pools.values().stream().filter(p -> p.accountId().equals(accountId)).toList();
    }

    public synchronized boolean exists(String poolId) {
        return pools.containsKey(poolId);
    }

    public synchronized void delete(String accountId, String poolId) {
        Pool pool = require(accountId, poolId);
        pools.remove(poolId);
        List<Identity> removed = new ArrayList<>();
        identities.values().removeIf(i -> i.poolId().equals(poolId) && removed.add(i));
        save(() -> {
            pools.put(poolId, pool);
            removed.forEach(i -> identities.put(i.id(), i));
        });
    }

    public synchronized void setRoles(String accountId, String poolId, Map<String, String> roles) {
        Pool pool = require(accountId, poolId);
        pools.put(poolId, pool.withRoles(roles));
        save(() -> pools.put(poolId, pool));
    }

    /** The identity of {@code login} in the pool (created on first use); an unauthenticated one for an empty login. */
    public synchronized Identity identity(String poolId, String login) {
        if (!login.isEmpty()) {
            Optional<Identity> known = identities.values().stream()
                    .filter(i -> i.poolId().equals(poolId) && i.login().equals(login)).findFirst();
            if (known.isPresent()) {
                return known.get();
            }
        }
        Identity identity = new Identity(REGION + ":" + UUID.randomUUID(), poolId, login);
        identities.put(identity.id(), identity);
        save(() -> identities.remove(identity.id()));
        return identity;
    }

    public synchronized Identity requireIdentity(String identityId) {
        return Optional.ofNullable(identities.get(identityId))
                .orElseThrow(() -> CognitoErrors.identityNotFound(identityId));
    }

    private void save(Runnable undo) {
        try {
            file.save(new CognitoState(CognitoState.VERSION, List.copyOf(pools.values()),
                    List.copyOf(identities.values())));
        } catch (IOException | RuntimeException e) {
            undo.run();
            throw new AwsError("Receiver", "InternalErrorException", "The Cognito state could not be saved.", 500)
                    .exception();
        }
    }
}
