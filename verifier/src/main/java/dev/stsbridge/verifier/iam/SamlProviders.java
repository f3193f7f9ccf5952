package dev.stsbridge.verifier.iam;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;
import dev.stsbridge.verifier.query.DetailedRefusal;

/**
 * IAM's SAML provider operations, scoped to the caller's account, with IAM's refusals: {@code InvalidInput} for a
 * metadata document or private key IAM would not take and for the private-key rules of AWS-SAML.md §1.2 (at most
 * {@value #MAX_PRIVATE_KEYS} keys, adding and removing not in one request, {@code Required} needs a key),
 * {@code EntityAlreadyExists} (409), {@code LimitExceeded} (409, {@value #MAX_PROVIDERS_PER_ACCOUNT} per account),
 * {@code NoSuchEntity} (404, "Manifest not found for arn ...", as recorded from AWS).
 */
public final class SamlProviders {

    public static final int MAX_PROVIDERS_PER_ACCOUNT = 100;
    public static final int MAX_PRIVATE_KEYS = 2;

    private final IamStore store;
    private final MetadataParser metadataParser;
    private final IamIds ids;
    private final Clock clock;

    public SamlProviders(IamStore store, MetadataParser metadataParser, IamIds ids, Clock clock) {
        this.store = store;
        this.metadataParser = metadataParser;
        this.ids = ids;
        this.clock = clock;
    }

    /** CreateSAMLProvider's parameters. */
    public record NewProvider(String name, String metadataDocument, List<Tag> tags,
                              Optional<AssertionEncryptionMode> encryptionMode, Optional<String> addPrivateKey) {
        public NewProvider {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metadataDocument, "metadataDocument");
            tags = List.copyOf(tags);
            Objects.requireNonNull(encryptionMode, "encryptionMode");
            Objects.requireNonNull(addPrivateKey, "addPrivateKey");
        }
    }

    /** UpdateSAMLProvider's parameters. */
    public record ProviderUpdate(String arn, Optional<String> metadataDocument,
                                 Optional<AssertionEncryptionMode> encryptionMode, Optional<String> addPrivateKey,
                                 Optional<String> removePrivateKey) {
        public ProviderUpdate {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(metadataDocument, "metadataDocument");
            Objects.requireNonNull(encryptionMode, "encryptionMode");
            Objects.requireNonNull(addPrivateKey, "addPrivateKey");
            Objects.requireNonNull(removePrivateKey, "removePrivateKey");
        }

        /** The same update with a new metadata document. */
        public ProviderUpdate withMetadata(String document) {
            return new ProviderUpdate(arn, Optional.of(document), encryptionMode, addPrivateKey, removePrivateKey);
        }
    }

    public ProviderEntry create(IamCaller caller, NewProvider request) {
        ParsedMetadata metadata = parse(request.metadataDocument());
        List<Tag> tags = Tag.requireUniqueKeys(request.tags());
        List<ProviderPrivateKey> keys = request.addPrivateKey().map(this::privateKey).stream().toList();
        AssertionEncryptionMode mode = request.encryptionMode().orElse(AssertionEncryptionMode.Allowed);
        if (mode == AssertionEncryptionMode.Required && keys.isEmpty()) {
            throw invalidInput("Unable to set assertion encryption mode to Required because no private key is provided.");
        }
        Instant now = now();
        String arn = Arns.samlProvider(caller.accountId(), request.name());
        return store.change(snapshot -> {
            List<ProviderEntry> existing = snapshot.providers(caller.accountId());
            if (existing.stream().anyMatch(p -> p.provider().name().equalsIgnoreCase(request.name()))) {
                throw AwsError.sender("EntityAlreadyExists", "SAMLProvider with name " + request.name()
                        + " already exists.", 409).exception();
            }
            if (existing.size() >= MAX_PROVIDERS_PER_ACCOUNT) {
                throw AwsError.sender("LimitExceeded", "Cannot exceed quota for SAMLProvidersPerAccount: "
                        + MAX_PROVIDERS_PER_ACCOUNT + ".", 409).exception();
            }
            SamlProvider provider = new SamlProvider(arn, caller.accountId(), request.name(), ids.samlProviderUuid(),
                    request.metadataDocument(), metadata.entityIds(), metadata.signingCertificates(), mode, keys, now,
                    metadata.validUntil().orElse(hundredYearsFrom(now)), Tag.asMap(tags));
            ProviderEntry entry = new ProviderEntry(provider, tags);
            return new Change<>(snapshot.withProvider(entry), entry);
        });
    }

    public ProviderEntry get(IamCaller caller, String arn) {
        return require(caller, store.snapshot(), arn);
    }

    public List<ProviderEntry> list(IamCaller caller) {
        return store.snapshot().providers(caller.accountId());
    }

    public ProviderEntry update(IamCaller caller, ProviderUpdate update) {
        if (update.metadataDocument().isEmpty() && update.encryptionMode().isEmpty()
                && update.addPrivateKey().isEmpty() && update.removePrivateKey().isEmpty()) {
            throw invalidInput("Unable to update identity provider. No updates are defined for metadata or "
                    + "encryption assertion.");
        }
        if (update.addPrivateKey().isPresent() && update.removePrivateKey().isPresent()) {
            throw invalidInput("Unable to add and remove private keys in the same request. Set a value for only one "
                    + "of the two parameters.");
        }
        Optional<ParsedMetadata> metadata = update.metadataDocument().map(this::parse);
        Optional<ProviderPrivateKey> added = update.addPrivateKey().map(this::privateKey);
        return store.change(snapshot -> {
            SamlProvider current = require(caller, snapshot, update.arn()).provider();
            List<ProviderPrivateKey> keys = keysAfter(current, added, update.removePrivateKey());
            AssertionEncryptionMode mode = update.encryptionMode().orElse(current.encryptionMode());
            if (mode == AssertionEncryptionMode.Required && keys.isEmpty()) {
                throw invalidInput(update.encryptionMode().isPresent()
                        ? "Unable to set assertion encryption mode to Required because no private key is provided."
                        : "Failed to remove private key.");
            }
            SamlProvider next = new SamlProvider(current.arn(), current.accountId(), current.name(), current.uuid(),
                    update.metadataDocument().orElse(current.metadataDocument()),
                    metadata.map(ParsedMetadata::entityIds).orElse(current.entityIds()),
                    metadata.map(ParsedMetadata::signingCertificates).orElse(current.signingCertificates()),
                    mode, keys, current.createDate(),
                    metadata.map(m -> m.validUntil().orElse(hundredYearsFrom(current.createDate())))
                            .orElse(current.validUntil()),
                    current.tags());
            ProviderEntry entry = new ProviderEntry(next, snapshot.provider(current.arn()).orElseThrow().tags());
            return new Change<>(snapshot.withProvider(entry), entry);
        });
    }

    public void delete(IamCaller caller, String arn) {
        store.change(snapshot -> {
            require(caller, snapshot, arn);
            return new Change<>(snapshot.withoutProvider(arn), arn);
        });
    }

    private static List<ProviderPrivateKey> keysAfter(SamlProvider current, Optional<ProviderPrivateKey> added,
                                                      Optional<String> removed) {
        List<ProviderPrivateKey> keys = new ArrayList<>(current.privateKeys());
        if (added.isPresent()) {
            if (keys.size() >= MAX_PRIVATE_KEYS) {
                throw AwsError.sender("LimitExceeded", "Private key limit of " + MAX_PRIVATE_KEYS + " is reached.", 409)
                        .exception();
            }
            keys.add(added.get());
        }
        if (removed.isPresent() && !keys.removeIf(k -> k.keyId().equals(removed.get()))) {
            throw invalidInput("Failed to remove private key because the Key ID does not match a private key.");
        }
        return keys;
    }

    private static ProviderEntry require(IamCaller caller, IamSnapshot snapshot, String arn) {
        Arns.ProviderName name = Arns.parseSamlProvider(arn)
                .orElseThrow(() -> invalidInput("ARN " + arn + " is not valid."));
        if (!name.accountId().equals(caller.accountId())) {
            throw caller.crossAccount(arn);
        }
        return snapshot.provider(arn).orElseThrow(() ->
                AwsError.sender("NoSuchEntity", "Manifest not found for arn " + arn, 404).exception());
    }

    private ParsedMetadata parse(String document) {
        try {
            return metadataParser.parse(document);
        } catch (InvalidMetadataException e) {
            throw new DetailedRefusal(AwsError.sender("InvalidInput", MetadataParser.AWS_MESSAGE, 400),
                    e.getMessage());
        }
    }

    private ProviderPrivateKey privateKey(String pem) {
        try {
            return new ProviderPrivateKey(ids.privateKeyId(), PrivateKeyPem.parse(pem), pem, now());
        } catch (PrivateKeyPem.InvalidPrivateKeyException e) {
            throw new DetailedRefusal(AwsError.sender("InvalidInput", PrivateKeyPem.AWS_MESSAGE, 400), e.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** IAM's ValidUntil for metadata without {@code validUntil}: 100 years on (AWS-SAML.md §5.3, field report). */
    private static Instant hundredYearsFrom(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).plusYears(100).toInstant();
    }

    private static AwsException invalidInput(String message) {
        return AwsError.sender("InvalidInput", message, 400).exception();
    }
}
