package dev.stsbridge.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The IdP's signing keys: the {@code current} key signs; the {@code next} key (after {@code keys rotate}) is
 * already published in the metadata so that relying parties trust it before it signs; {@code retired} keys
 * (after {@code keys promote}) are kept for the record but neither sign nor appear in the metadata.
 */
public record KeyRing(SigningKey current, Optional<SigningKey> next, List<SigningKey> retired) {
    public KeyRing {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        retired = List.copyOf(retired);
    }

    /** The keys that belong in the published metadata: current, then next if there is one. */
    public List<SigningKey> published() {
        return next.map(n -> List.of(current, n)).orElseGet(() -> List.of(current));
    }
}
