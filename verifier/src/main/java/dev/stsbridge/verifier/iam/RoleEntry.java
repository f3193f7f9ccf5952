package dev.stsbridge.verifier.iam;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A stored role with what the shared {@link IamRole} does not carry: its description and its tags in order. */
public record RoleEntry(IamRole role, Optional<String> description, List<Tag> tags) {
    public RoleEntry {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
    }
}
