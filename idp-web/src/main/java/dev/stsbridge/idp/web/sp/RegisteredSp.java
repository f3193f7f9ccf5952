package dev.stsbridge.idp.web.sp;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.assertion.SamlBinding;
import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.metadata.ServiceProvider;

/**
 * A service provider that may send AuthnRequests: its metadata, the profile of its assertions, its NameID format,
 * and whether its requests must be signed (the metadata's AuthnRequestsSigned, or the configuration).
 *
 * @param acsUrls the HTTP-POST ACS URLs responses may go to (for AWS's sign-in: the configured sign-in URL)
 */
public record RegisteredSp(ServiceProvider metadata, SpProfile profile, NameIdFormat nameIdFormat,
                           boolean requireSignedRequests, List<ServiceProvider.AssertionConsumerService> acsUrls) {

    public static final String HTTP_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    public RegisteredSp {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(nameIdFormat, "nameIdFormat");
        acsUrls = acsUrls.stream().filter(a -> HTTP_POST.equals(a.binding())).toList();
        if (acsUrls.isEmpty()) {
            throw new IllegalArgumentException("the service provider " + metadata.entityId()
                    + " has no AssertionConsumerService with the HTTP-POST binding");
        }
    }

    public String entityId() {
        return metadata.entityId();
    }

    /** Whether requests must carry a valid signature. */
    public boolean signsRequests() {
        return requireSignedRequests || metadata.authnRequestsSigned();
    }

    /** The ACS with exactly this URL. */
    public Optional<URI> acs(String url) {
        return acsUrls.stream().map(ServiceProvider.AssertionConsumerService::location)
                .filter(l -> l.toString().equals(url)).findFirst();
    }

    /** The ACS with this index. */
    public Optional<URI> acs(int index) {
        return acsUrls.stream().filter(a -> a.index() == index)
                .map(ServiceProvider.AssertionConsumerService::location).findFirst();
    }

    /**
     * The SP's first SingleLogoutService with a binding the IdP can use (HTTP-Redirect or HTTP-POST), if it lists
     * one: single logout is only for SPs that do (AWS's sign-in does not).
     */
    public Optional<ServiceProvider.SingleLogoutService> singleLogoutService() {
        return metadata.singleLogoutServices().stream().filter(s -> SamlBinding.of(s.binding()).isPresent())
                .findFirst();
    }

    /** The default ACS (SAML metadata §2.2.3), among the HTTP-POST ones. */
    public URI defaultAcs() {
        return acsUrls.stream().filter(a -> a.isDefault().orElse(false)).findFirst()
                .or(() -> acsUrls.stream().filter(a -> a.isDefault().isEmpty()).findFirst())
                .orElse(acsUrls.get(0)).location();
    }
}
