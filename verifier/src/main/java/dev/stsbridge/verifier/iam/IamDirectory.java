package dev.stsbridge.verifier.iam;

import java.util.Optional;

/**
 * Read access to the IAM state that STS and the sign-in endpoint need. Lookups by ARN are exact, except that
 * role names compare ignoring case, as IAM's do.
 */
public interface IamDirectory {

    Optional<SamlProvider> samlProvider(String providerArn);

    /** The provider whose {@code SAMLProviderUUID} (the console's "IdP-ID") this is, in any account. */
    Optional<SamlProvider> samlProviderByUuid(String uuid);

    Optional<IamRole> role(String roleArn);

    /** The permission policies in force on a role ({@link RolePermissions#NONE} when it has none or is unknown). */
    default RolePermissions permissions(String roleArn) {
        return RolePermissions.NONE;
    }

    /** A managed policy (customer or AWS managed) by ARN, with its default version's document. */
    default Optional<PermissionPolicy> managedPolicy(String policyArn) {
        return Optional.empty();
    }

    /** An IAM user by ARN (the path must match; the name compares ignoring case). */
    default Optional<IamUser> user(String userArn) {
        return Optional.empty();
    }

    /** The IAM user owning a long-term access key, and the key. */
    default Optional<UserKeyOwner> userByAccessKey(String accessKeyId) {
        return Optional.empty();
    }

    /** An OpenID Connect provider by ARN. */
    default Optional<OidcProvider> oidcProvider(String providerArn) {
        return Optional.empty();
    }

    /** A user's access key and the user. */
    record UserKeyOwner(IamUser user, AccessKey key) {
    }
}
