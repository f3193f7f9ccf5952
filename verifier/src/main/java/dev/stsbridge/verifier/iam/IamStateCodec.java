package dev.stsbridge.verifier.iam;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.verifier.iam.IamStateDocument.Key;
import dev.stsbridge.verifier.iam.IamStateDocument.KeyValue;
import dev.stsbridge.verifier.iam.IamStateDocument.NamedDocument;
import dev.stsbridge.verifier.iam.IamStateDocument.Version;

/**
 * Converts between the live IAM state and its persisted document, parsing metadata and keys again on load. Writes
 * format version {@value IamStateDocument#VERSION}; reads it and versions 1 to 3.
 */
final class IamStateCodec {

    private final MetadataParser metadataParser;

    IamStateCodec(MetadataParser metadataParser) {
        this.metadataParser = metadataParser;
    }

    IamStateDocument encode(IamSnapshot snapshot) {
        return new IamStateDocument(IamStateDocument.VERSION,
                snapshot.allProviders().stream().map(IamStateCodec::encode).toList(),
                snapshot.allRoles().stream().map(IamStateCodec::encode).toList(),
                snapshot.allPolicies().stream().map(IamStateCodec::encode).toList(),
                snapshot.allUsers().stream().map(IamStateCodec::encode).toList(),
                snapshot.allMfaDevices().stream().map(IamStateCodec::encode).toList(),
                snapshot.allOidcProviders().stream().map(IamStateCodec::encode).toList());
    }

    /** @throws IllegalStateException naming the entry that no longer loads */
    IamSnapshot decode(IamStateDocument document) {
        if (document.version() < 1 || document.version() > IamStateDocument.VERSION) {
            throw new IllegalStateException("unknown state format version " + document.version());
        }
        List<ProviderEntry> providers = new ArrayList<>();
        for (IamStateDocument.Provider provider : document.providers()) {
            providers.add(decode(provider));
        }
        return IamSnapshot.of(providers, document.roles().stream().map(IamStateCodec::decode).toList(),
                document.policies().stream().map(IamStateCodec::decode).toList(),
                document.users().stream().map(IamStateCodec::decode).toList(),
                document.mfaDevices().stream().map(IamStateCodec::decode).toList())
                .withOidcProviders(document.oidcProviders().stream().map(IamStateCodec::decode).toList());
    }

    private static IamStateDocument.Oidc encode(OidcProvider p) {
        return new IamStateDocument.Oidc(p.accountId(), p.url(), p.clientIds(), p.thumbprints(),
                p.createDate().toString(), encode(p.tags()));
    }

    private static OidcProvider decode(IamStateDocument.Oidc p) {
        return new OidcProvider(Arns.oidcProvider(p.accountId(), p.url()), p.accountId(), p.url(), p.clientIds(),
                p.thumbprints(), Instant.parse(p.createDate()), decode(p.tags()));
    }

    private static IamStateDocument.User encode(UserEntry entry) {
        IamUser u = entry.user();
        return new IamStateDocument.User(u.accountId(), u.name(), u.path(), u.userId(), u.createDate().toString(),
                encode(entry.tags()),
                entry.inlinePolicies().stream().map(p -> new NamedDocument(p.name(), p.document())).toList(),
                entry.attachedPolicyArns(), entry.permissionsBoundary().orElse(""),
                entry.accessKeys().stream().map(k -> new IamStateDocument.UserKey(k.accessKeyId(),
                        k.secretAccessKey(), k.status(), k.createDate().toString())).toList());
    }

    private static UserEntry decode(IamStateDocument.User u) {
        List<Tag> tags = decode(u.tags());
        IamUser user = new IamUser(Arns.user(u.accountId(), u.path(), u.name()), u.accountId(), u.name(), u.path(),
                u.userId(), Instant.parse(u.createDate()), Tag.asMap(tags));
        return new UserEntry(user, tags,
                u.inlinePolicies().stream().map(p -> new InlinePolicy(p.name(), p.document())).toList(),
                u.attachedPolicies(), Optional.of(u.permissionsBoundary()).filter(b -> !b.isEmpty()),
                u.accessKeys().stream().map(k -> new AccessKey(k.accessKeyId(), k.secretAccessKey(),
                        "Active".equals(k.status()), Instant.parse(k.createDate()))).toList());
    }

    private static IamStateDocument.Mfa encode(MfaDevice d) {
        return new IamStateDocument.Mfa(d.accountId(), d.name(), d.path(), d.seed(), d.userName().orElse(""),
                d.enableDate().map(Instant::toString).orElse(""), d.lastUsedStep());
    }

    private static MfaDevice decode(IamStateDocument.Mfa d) {
        return new MfaDevice(Arns.mfa(d.accountId(), d.path(), d.name()), d.accountId(), d.name(), d.path(), d.seed(),
                Optional.of(d.userName()).filter(n -> !n.isEmpty()),
                Optional.of(d.enableDate()).filter(t -> !t.isEmpty()).map(Instant::parse), d.lastUsedStep());
    }

    private static IamStateDocument.Provider encode(ProviderEntry entry) {
        SamlProvider p = entry.provider();
        return new IamStateDocument.Provider(p.accountId(), p.name(), p.uuid(), p.metadataDocument(),
                p.encryptionMode().name(), p.createDate().toString(), p.validUntil().toString(), encode(entry.tags()),
                p.privateKeys().stream().map(k -> new Key(k.keyId(), k.pem(), k.timestamp().toString())).toList());
    }

    private static IamStateDocument.Role encode(RoleEntry entry) {
        IamRole r = entry.role();
        return new IamStateDocument.Role(r.accountId(), r.name(), r.path(), r.roleId(), r.assumeRolePolicyDocument(),
                entry.description().orElse(""), r.maxSessionDurationSeconds(), r.createDate().toString(),
                encode(entry.tags()),
                entry.inlinePolicies().stream().map(p -> new NamedDocument(p.name(), p.document())).toList(),
                entry.attachedPolicyArns(), entry.permissionsBoundary().orElse(""));
    }

    private static IamStateDocument.Policy encode(ManagedPolicy p) {
        return new IamStateDocument.Policy(p.owner(), p.name(), p.path(), p.policyId(), p.description().orElse(""),
                p.createDate().toString(), p.defaultVersionId(), p.nextVersion(),
                p.versions().stream().map(v -> new Version(v.versionId(), v.document(), v.createDate().toString()))
                        .toList(),
                encode(p.tags()));
    }

    private static ManagedPolicy decode(IamStateDocument.Policy p) {
        return new ManagedPolicy(Arns.policy(p.accountId(), p.path(), p.name()), p.accountId(), p.name(), p.path(),
                p.policyId(), Optional.of(p.description()).filter(d -> !d.isEmpty()), Instant.parse(p.createDate()),
                p.defaultVersionId(),
                p.versions().stream().map(v -> new PolicyVersion(v.versionId(), v.document(),
                        Instant.parse(v.createDate()))).toList(),
                p.nextVersion(), decode(p.tags()));
    }

    private static List<KeyValue> encode(List<Tag> tags) {
        return tags.stream().map(t -> new KeyValue(t.key(), t.value())).toList();
    }

    private ProviderEntry decode(IamStateDocument.Provider p) {
        String arn = Arns.samlProvider(p.accountId(), p.name());
        ParsedMetadata metadata;
        try {
            metadata = metadataParser.parse(p.metadataDocument());
        } catch (InvalidMetadataException e) {
            throw new IllegalStateException("provider " + arn + ": its metadata no longer parses: " + e.getMessage());
        }
        List<ProviderPrivateKey> keys = new ArrayList<>();
        for (Key key : p.privateKeys()) {
            keys.add(new ProviderPrivateKey(key.keyId(), privateKey(arn, key), key.pem(), Instant.parse(key.timestamp())));
        }
        List<Tag> tags = decode(p.tags());
        SamlProvider provider = new SamlProvider(arn, p.accountId(), p.name(), p.uuid(), p.metadataDocument(),
                metadata.entityIds(), metadata.signingCertificates(), AssertionEncryptionMode.valueOf(p.encryptionMode()),
                keys, Instant.parse(p.createDate()), Instant.parse(p.validUntil()), Tag.asMap(tags));
        return new ProviderEntry(provider, tags);
    }

    private static PrivateKey privateKey(String arn, Key key) {
        try {
            return PrivateKeyPem.parse(key.pem());
        } catch (PrivateKeyPem.InvalidPrivateKeyException e) {
            throw new IllegalStateException("provider " + arn + ": private key " + key.keyId()
                    + " no longer parses: " + e.getMessage());
        }
    }

    private static RoleEntry decode(IamStateDocument.Role r) {
        List<Tag> tags = decode(r.tags());
        IamRole role = new IamRole(Arns.role(r.accountId(), r.path(), r.name()), r.accountId(), r.name(), r.path(),
                r.roleId(), r.assumeRolePolicyDocument(), r.maxSessionDuration(), Instant.parse(r.createDate()),
                Tag.asMap(tags));
        return new RoleEntry(role, Optional.of(r.description()).filter(d -> !d.isEmpty()), tags,
                r.inlinePolicies().stream().map(p -> new InlinePolicy(p.name(), p.document())).toList(),
                r.attachedPolicies(), Optional.of(r.permissionsBoundary()).filter(b -> !b.isEmpty()));
    }

    private static List<Tag> decode(List<KeyValue> tags) {
        return tags.stream().map(t -> new Tag(t.key(), t.value())).toList();
    }
}
