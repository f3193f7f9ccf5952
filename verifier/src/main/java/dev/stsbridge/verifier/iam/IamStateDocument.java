package dev.stsbridge.verifier.iam;

import java.util.List;
import java.util.Optional;

/**
 * The persisted form of the IAM state ({@code <data-dir>/verifier/state.json}): plain strings and numbers, so that
 * the file stays readable and stable. Metadata documents and private keys are kept as uploaded and parsed again on
 * load. The file holds private keys: it is written with mode 0600.
 *
 * <p>Format versions: 1 (providers and roles), 2 (adds customer managed policies and each role's inline policies,
 * attached policies and permissions boundary), {@value #VERSION} (adds IAM users with their policies and access keys,
 * and virtual MFA devices), 4 (adds OpenID Connect providers). An older file loads as a current one without what it lacks; members it lacks are read as
 * empty. The file holds access key secrets and MFA seeds as well.
 *
 * @param version the format version
 */
public record IamStateDocument(int version, List<Provider> providers, List<Role> roles, List<Policy> policies,
                               List<User> users, List<Mfa> mfaDevices, List<Oidc> oidcProviders) {

    public static final int VERSION = 4;

    public IamStateDocument {
        providers = List.copyOf(orEmpty(providers));
        roles = List.copyOf(orEmpty(roles));
        policies = List.copyOf(orEmpty(policies));
        users = List.copyOf(orEmpty(users));
        mfaDevices = List.copyOf(orEmpty(mfaDevices));
        oidcProviders = List.copyOf(orEmpty(oidcProviders));
    }

    /** A document without OpenID Connect providers (format version 3). */
    public IamStateDocument(int version, List<Provider> providers, List<Role> roles, List<Policy> policies,
                            List<User> users, List<Mfa> mfaDevices) {
        this(version, providers, roles, policies, users, mfaDevices, List.of());
    }

    /** An OpenID Connect provider (version 4): URL without {@code https://}, instants ISO-8601. */
    public record Oidc(String accountId, String url, List<String> clientIds, List<String> thumbprints,
                       String createDate, List<KeyValue> tags) {
        public Oidc {
            clientIds = List.copyOf(orEmpty(clientIds));
            thumbprints = List.copyOf(orEmpty(thumbprints));
            tags = List.copyOf(orEmpty(tags));
        }
    }

    /** A document without users and MFA devices (format version 2 and older). */
    public IamStateDocument(int version, List<Provider> providers, List<Role> roles, List<Policy> policies) {
        this(version, providers, roles, policies, List.of(), List.of());
    }

    /** A user (version 3); an empty permissions boundary means none. */
    public record User(String accountId, String name, String path, String userId, String createDate,
                       List<KeyValue> tags, List<NamedDocument> inlinePolicies, List<String> attachedPolicies,
                       String permissionsBoundary, List<UserKey> accessKeys) {
        public User {
            tags = List.copyOf(orEmpty(tags));
            inlinePolicies = List.copyOf(orEmpty(inlinePolicies));
            attachedPolicies = List.copyOf(orEmpty(attachedPolicies));
            permissionsBoundary = Optional.ofNullable(permissionsBoundary).orElse("");
            accessKeys = List.copyOf(orEmpty(accessKeys));
        }
    }

    /** An access key of a user; status {@code Active} or {@code Inactive}. */
    public record UserKey(String accessKeyId, String secretAccessKey, String status, String createDate) {
        @Override
        public String toString() {
            return "UserKey[" + accessKeyId + "]";
        }
    }

    /** A virtual MFA device (version 3); an empty user name means not enabled. */
    public record Mfa(String accountId, String name, String path, String seed, String userName, String enableDate,
                      long lastUsedStep) {
        @Override
        public String toString() {
            return "Mfa[" + accountId + ":" + path + name + "]";
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return Optional.ofNullable(list).orElse(List.of());
    }

    /** A SAML provider; instants are ISO-8601. */
    public record Provider(String accountId, String name, String uuid, String metadataDocument,
                           String encryptionMode, String createDate, String validUntil, List<KeyValue> tags,
                           List<Key> privateKeys) {
        public Provider {
            tags = List.copyOf(tags);
            privateKeys = List.copyOf(privateKeys);
        }
    }

    /** A provider private key as uploaded (PEM). */
    public record Key(String keyId, String pem, String timestamp) {
        @Override
        public String toString() {
            return "Key[" + keyId + "]";
        }
    }

    /**
     * A role; an empty description or permissions boundary means none. Inline policies, attached policy ARNs and the
     * boundary are absent (read as empty) in version 1.
     */
    public record Role(String accountId, String name, String path, String roleId, String assumeRolePolicyDocument,
                       String description, int maxSessionDuration, String createDate, List<KeyValue> tags,
                       List<NamedDocument> inlinePolicies, List<String> attachedPolicies,
                       String permissionsBoundary) {
        public Role {
            tags = List.copyOf(tags);
            inlinePolicies = List.copyOf(orEmpty(inlinePolicies));
            attachedPolicies = List.copyOf(orEmpty(attachedPolicies));
            permissionsBoundary = Optional.ofNullable(permissionsBoundary).orElse("");
        }
    }

    /** A customer managed policy; an empty description means none. */
    public record Policy(String accountId, String name, String path, String policyId, String description,
                         String createDate, String defaultVersionId, int nextVersion, List<Version> versions,
                         List<KeyValue> tags) {
        public Policy {
            versions = List.copyOf(versions);
            tags = List.copyOf(tags);
        }
    }

    /** A managed policy version. */
    public record Version(String versionId, String document, String createDate) {
    }

    /** An inline policy. */
    public record NamedDocument(String name, String document) {
    }

    /** A tag. */
    public record KeyValue(String key, String value) {
    }
}
