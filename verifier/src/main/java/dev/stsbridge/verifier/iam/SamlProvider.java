package dev.stsbridge.verifier.iam;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An IAM SAML provider: what {@code CreateSAMLProvider} stored, with its metadata already parsed.
 *
 * @param arn {@code arn:aws:iam::<account>:saml-provider/<name>}
 * @param accountId the owning account
 * @param name the provider name
 * @param uuid the {@code SAMLProviderUUID}, the console's "IdP-ID" ({@code SAMLSP...})
 * @param metadataDocument the metadata document exactly as uploaded
 * @param entityIds the IdP entity IDs in the metadata (the accepted Issuers)
 * @param signingCertificates the IdP signing certificates in the metadata: the only keys trusted for signatures
 * @param encryptionMode plain assertions allowed, or encrypted required
 * @param privateKeys at most two decryption keys
 * @param createDate when it was created
 * @param validUntil the metadata's {@code validUntil}, or creation + 100 years as IAM reports without one
 * @param tags IAM tags on the provider
 */
public record SamlProvider(String arn, String accountId, String name, String uuid, String metadataDocument,
                           Set<String> entityIds, List<X509Certificate> signingCertificates,
                           AssertionEncryptionMode encryptionMode, List<ProviderPrivateKey> privateKeys,
                           Instant createDate, Instant validUntil, Map<String, String> tags) {
    public SamlProvider {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(metadataDocument, "metadataDocument");
        Objects.requireNonNull(encryptionMode, "encryptionMode");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(validUntil, "validUntil");
        entityIds = Set.copyOf(entityIds);
        signingCertificates = List.copyOf(signingCertificates);
        privateKeys = List.copyOf(privateKeys);
        tags = Map.copyOf(tags);
    }
}
