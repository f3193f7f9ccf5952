package dev.stsbridge.verifier.iam;

import java.util.Objects;

/** A role's inline permission policy: its name (unique per role) and document (as uploaded, already validated). */
public record InlinePolicy(String name, String document) {
    public InlinePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
