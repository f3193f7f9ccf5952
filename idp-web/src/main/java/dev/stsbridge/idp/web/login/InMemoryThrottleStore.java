package dev.stsbridge.idp.web.login;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The single-node {@link ThrottleStore}. Memory is bounded: beyond {@value #MAX_ENTRIES} records the expired ones
 * go, and if that is not enough, those that are not locks.
 */
public final class InMemoryThrottleStore implements ThrottleStore {

    static final int MAX_ENTRIES = 100_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> find(String scope, String key) {
        return Optional.ofNullable(entries.get(scope + '\n' + key));
    }

    @Override
    public Entry update(String scope, String key, Function<Optional<Entry>, Entry> change) {
        Entry saved = entries.compute(scope + '\n' + key, (k, e) -> change.apply(Optional.ofNullable(e)));
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !saved.lastFailure().isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES / 2) {
                entries.values().removeIf(e -> !e.locked());
            }
        }
        return saved;
    }

    @Override
    public void remove(String scope, String key) {
        entries.remove(scope + '\n' + key);
    }

    int size() {
        return entries.size();
    }
}
