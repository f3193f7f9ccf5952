package dev.stsbridge.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The key ring's life cycle: generate the first key, rotate (a {@code next} key that is published in the
 * metadata before it signs), promote ({@code next} becomes {@code current}, the old current is retired).
 *
 * <p>Rotation for AWS: {@link #rotate} -> upload the metadata with both certificates -> {@link #promote} ->
 * upload again. Each operation reads the ring, changes it and writes it back atomically, holding the ring's
 * update lock ({@link KeyRingLock}) throughout, so that operations of two processes do not overwrite each other.
 */
public final class KeyRingService {

    /** A ring that was loaded or, on first start, generated. */
    public record Opened(KeyRing ring, boolean generated) {
        public Opened {
            Objects.requireNonNull(ring, "ring");
        }
    }

    private final KeyRingStore store;
    private final SigningKeyGenerator generator;

    public KeyRingService(KeyRingStore store, SigningKeyGenerator generator) {
        this.store = Objects.requireNonNull(store, "store");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /**
     * Generates a new ring with one current key.
     *
     * @param force replace an existing ring (its keys are lost); without it an existing ring is refused
     */
    public KeyRing generate(KeySpec spec, boolean force) {
        return store.whileLocked(() -> generateLocked(spec, force));
    }

    private KeyRing generateLocked(KeySpec spec, boolean force) {
        if (!force && store.exists()) {
            throw new KeyRingException(KeyRingException.Reason.CONFLICT, "a key store already exists at "
                    + store.storeFile() + ": use `keys rotate` to add a key, or --force to replace it (its keys are lost)");
        }
        KeyRing ring = new KeyRing(generator.generate(spec.algorithm(), spec.entityId(), spec.validity()),
                Optional.empty(), List.of());
        store.save(ring);
        return ring;
    }

    /** Adds a {@code next} key; refused if there already is one. */
    public KeyRing rotate(KeySpec spec) {
        return store.whileLocked(() -> {
            KeyRing ring = store.load();
            if (ring.next().isPresent()) {
                throw new KeyRingException(KeyRingException.Reason.CONFLICT, "there already is a next key ("
                        + ring.next().get().id() + "): run `stsbridge keys promote` first");
            }
            SigningKey next = withUniqueId(generator.generate(spec.algorithm(), spec.entityId(), spec.validity()),
                    ring);
            KeyRing rotated = new KeyRing(ring.current(), Optional.of(next), ring.retired());
            store.save(rotated);
            return rotated;
        });
    }

    /** Makes {@code next} the current key and retires the old current key; refused without a next key. */
    public KeyRing promote() {
        return store.whileLocked(() -> {
            KeyRing ring = store.load();
            SigningKey next = ring.next().orElseThrow(() -> new KeyRingException(
                    KeyRingException.Reason.NOTHING_TO_DO,
                    "there is no next key to promote: run `stsbridge keys rotate` first"));
            List<SigningKey> retired = new ArrayList<>(ring.retired());
            retired.add(ring.current());
            KeyRing promoted = new KeyRing(next, Optional.empty(), retired);
            store.save(promoted);
            return promoted;
        });
    }

    /** The ring as it is on disk. */
    public KeyRing list() {
        return store.load();
    }

    /** Loads the ring, or generates one if there is no key store yet (first start of {@code demo}/{@code serve}). */
    public Opened loadOrGenerate(KeySpec spec) {
        if (store.exists()) {
            return new Opened(store.load(), false);
        }
        return store.whileLocked(() -> store.exists() // another process made it while this one waited
                ? new Opened(store.load(), false)
                : new Opened(generateLocked(spec, false), true));
    }

    /** Keys made in the same second get the same id from the generator; suffix the new one to keep ids unique. */
    private static SigningKey withUniqueId(SigningKey key, KeyRing ring) {
        Set<String> taken = Stream.concat(ring.published().stream(), ring.retired().stream())
                .map(SigningKey::id).collect(Collectors.toSet());
        String id = key.id();
        for (int n = 2; taken.contains(id); n++) {
            id = key.id() + "-" + n;
        }
        return id.equals(key.id()) ? key : new SigningKey(id, key.algorithm(), key.privateKey(), key.certificate());
    }
}
