package dev.stsbridge.idp.config;

import java.nio.file.Path;

/**
 * One SAML service provider allowed to send AuthnRequests ({@code service-providers:}): its {@code metadata}
 * file (entity ID, ACS URLs, signing certificates), the {@code profile} that decides what its assertions carry,
 * its {@code name-id} (for the {@code basic} profile: {@code persistent}, default, {@code transient} or
 * {@code email}), and
 * {@code require-signed-requests} (AuthnRequests must be signed even if the metadata does not say
 * AuthnRequestsSigned). AWS's sign-in SP ({@code urn:amazon:webservices}) is always registered.
 */
public record ServiceProviderConfig(Path metadata, SpProfile profile, NameIdFormat nameId,
                                    boolean requireSignedRequests) {

    public ServiceProviderConfig {
        ConfigChecks.required(metadata, "metadata");
        profile = ConfigChecks.orDefault(profile, SpProfile.BASIC);
        nameId = ConfigChecks.orDefault(nameId, NameIdFormat.PERSISTENT);
    }
}
