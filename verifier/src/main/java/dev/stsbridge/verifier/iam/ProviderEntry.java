package dev.stsbridge.verifier.iam;

import java.util.List;
import java.util.Objects;

/** A stored SAML provider with its tags in the order IAM returns them. */
public record ProviderEntry(SamlProvider provider, List<Tag> tags) {
    public ProviderEntry {
        Objects.requireNonNull(provider, "provider");
        tags = List.copyOf(tags);
    }
}
