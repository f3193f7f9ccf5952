package dev.stsbridge.verifier.iam;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What IAM takes from an IdP's SAML metadata document.
 *
 * @param entityIds the entity IDs of the IdP entity descriptors (the Issuers an assertion may carry)
 * @param signingCertificates the IdP signing certificates (KeyDescriptor use="signing" or without use), distinct
 * @param validUntil the document's {@code validUntil}, if it has one
 */
public record ParsedMetadata(Set<String> entityIds, List<X509Certificate> signingCertificates,
                             Optional<Instant> validUntil) {
    public ParsedMetadata {
        entityIds = Set.copyOf(entityIds);
        signingCertificates = List.copyOf(signingCertificates);
        Objects.requireNonNull(validUntil, "validUntil");
    }
}
