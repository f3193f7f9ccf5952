package dev.stsbridge.metadata;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SAML service provider as its metadata describes it: what the IdP needs to answer an AuthnRequest or send an
 * unsolicited response (where to post, what it wants signed, which NameID formats and attributes it asks for).
 * Immutable; read with {@link ServiceProviderMetadataReader}.
 */
public record ServiceProvider(String entityId,
                              List<AssertionConsumerService> assertionConsumerServices,
                              List<X509Certificate> signingCertificates,
                              List<X509Certificate> encryptionCertificates,
                              boolean wantAssertionsSigned,
                              boolean authnRequestsSigned,
                              List<String> nameIdFormats,
                              List<RequestedAttribute> requestedAttributes,
                              List<SingleLogoutService> singleLogoutServices) {

    public ServiceProvider {
        singleLogoutServices = List.copyOf(singleLogoutServices);
        Objects.requireNonNull(entityId, "entityId");
        assertionConsumerServices = List.copyOf(assertionConsumerServices);
        signingCertificates = List.copyOf(signingCertificates);
        encryptionCertificates = List.copyOf(encryptionCertificates);
        nameIdFormats = List.copyOf(nameIdFormats);
        requestedAttributes = List.copyOf(requestedAttributes);
        if (entityId.isBlank()) {
            throw new IllegalArgumentException("the SP's entity ID must not be blank");
        }
        if (assertionConsumerServices.isEmpty()) {
            throw new IllegalArgumentException("the SP " + entityId + " has no AssertionConsumerService");
        }
    }

    /** An SP without SingleLogoutService (as AWS's sign-in). */
    public ServiceProvider(String entityId, List<AssertionConsumerService> assertionConsumerServices,
                           List<X509Certificate> signingCertificates, List<X509Certificate> encryptionCertificates,
                           boolean wantAssertionsSigned, boolean authnRequestsSigned, List<String> nameIdFormats,
                           List<RequestedAttribute> requestedAttributes) {
        this(entityId, assertionConsumerServices, signingCertificates, encryptionCertificates, wantAssertionsSigned,
                authnRequestsSigned, nameIdFormats, requestedAttributes, List.of());
    }

    /**
     * The default ACS by the rule of SAML metadata (§2.2.3): the first with {@code isDefault="true"}, else the
     * first without an {@code isDefault} attribute, else the first.
     */
    public AssertionConsumerService defaultAssertionConsumerService() {
        return assertionConsumerServices.stream().filter(a -> a.isDefault().orElse(false)).findFirst()
                .or(() -> assertionConsumerServices.stream().filter(a -> a.isDefault().isEmpty()).findFirst())
                .orElse(assertionConsumerServices.get(0));
    }

    /** The ACS with this index, if the SP has one. */
    public Optional<AssertionConsumerService> assertionConsumerService(int index) {
        return assertionConsumerServices.stream().filter(a -> a.index() == index).findFirst();
    }

    /** An {@code md:AssertionConsumerService}: where the SP accepts responses, with which binding. */
    public record AssertionConsumerService(String binding, URI location, int index, Optional<Boolean> isDefault) {
        public AssertionConsumerService {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(isDefault, "isDefault");
        }
    }

    /**
     * An {@code md:SingleLogoutService}: where the SP takes LogoutRequests ({@code location}) and LogoutResponses
     * ({@code responseLocation}, else {@code location}), with which binding.
     */
    public record SingleLogoutService(String binding, URI location, Optional<URI> responseLocation) {
        public SingleLogoutService {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(responseLocation, "responseLocation");
        }

        /** Where LogoutResponses go: the ResponseLocation if given, else the Location (SAML metadata §2.2.2). */
        public URI responseDestination() {
            return responseLocation.orElse(location);
        }
    }

    /** An {@code md:RequestedAttribute}: an attribute the SP asks for. */
    public record RequestedAttribute(String name, Optional<String> friendlyName, boolean required) {
        public RequestedAttribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(friendlyName, "friendlyName");
        }
    }
}
