package dev.stsbridge.verifier.iam;

import java.util.List;

/**
 * The persisted form of the IAM state ({@code <data-dir>/verifier/state.json}): plain strings and numbers, so that
 * the file stays readable and stable. Metadata documents and private keys are kept as uploaded and parsed again on
 * load. The file holds private keys: it is written with mode 0600.
 *
 * @param version the format version ({@value #VERSION})
 */
public record IamStateDocument(int version, List<Provider> providers, List<Role> roles) {

    public static final int VERSION = 1;

    public IamStateDocument {
        providers = List.copyOf(providers);
        roles = List.copyOf(roles);
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

    /** A role; an empty description means none. */
    public record Role(String accountId, String name, String path, String roleId, String assumeRolePolicyDocument,
                       String description, int maxSessionDuration, String createDate, List<KeyValue> tags) {
        public Role {
            tags = List.copyOf(tags);
        }
    }

    /** A tag. */
    public record KeyValue(String key, String value) {
    }
}
