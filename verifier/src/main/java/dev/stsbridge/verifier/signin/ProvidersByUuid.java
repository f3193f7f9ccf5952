package dev.stsbridge.verifier.signin;

import java.util.Optional;

import dev.stsbridge.verifier.iam.SamlProvider;

/** Finds a SAML provider by its {@code SAMLProviderUUID} (the console's IdP-ID in {@code /saml/acs/<IdP-ID>}). */
@FunctionalInterface
public interface ProvidersByUuid {
    Optional<SamlProvider> find(String idpId);
}
