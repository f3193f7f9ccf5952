package dev.stsbridge.idp.claims;

import java.util.List;
import java.util.Objects;

/**
 * The claims for a person, with notes on how they were made (tags left out because an attribute is missing,
 * multi-valued attributes, which SessionDuration was chosen and why) for {@code --explain} and {@code /explain}.
 */
public record Resolution(AwsClaims claims, List<String> notes) {
    public Resolution {
        Objects.requireNonNull(claims, "claims");
        notes = List.copyOf(notes);
    }
}
