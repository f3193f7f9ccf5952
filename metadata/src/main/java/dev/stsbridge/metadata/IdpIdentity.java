package dev.stsbridge.metadata;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the IdP is, as its metadata says: the entity ID, the base URL its endpoints hang off, and the optional
 * parts of the metadata ({@code validUntil}, organization, contact person).
 *
 * <p>Endpoints (DESIGN.md): single sign-on, HTTP-Redirect and HTTP-POST, at {@code <base>/saml2/sso}; single
 * logout, HTTP-Redirect and HTTP-POST, at {@code <base>/saml2/slo} (the sign-out page for people is {@code <base>/logout}). The demo IdP is {@code http://127.0.0.1:8080} with the entity
 * ID {@code http://127.0.0.1:8080/saml2/metadata} (the URL the metadata is served at, as is usual).
 *
 * @param entityId the IdP's entity ID (at most 1024 characters, as the schema allows)
 * @param baseUrl the IdP's public base URL, http or https, without a trailing slash, query or fragment
 */
public record IdpIdentity(String entityId, URI baseUrl, Optional<Instant> validUntil,
                          Optional<Organization> organization, Optional<ContactPerson> contactPerson) {

    public static final URI DEMO_BASE_URL = URI.create("http://127.0.0.1:8080");
    public static final String METADATA_PATH = "/saml2/metadata";
    public static final String SSO_PATH = "/saml2/sso";
    public static final String ECP_PATH = "/saml2/ecp";
    public static final String LOGOUT_PATH = "/logout";
    public static final String SLO_PATH = "/saml2/slo";

    private static final int MAX_ENTITY_ID = 1024;

    public IdpIdentity {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(contactPerson, "contactPerson");
        if (entityId.isBlank() || entityId.length() > MAX_ENTITY_ID) {
            throw new IllegalArgumentException("the entity ID must have 1 to 1024 characters, has " + entityId.length());
        }
        baseUrl = normalise(baseUrl);
    }

    /** The IdP at {@code baseUrl}, with the entity ID {@code <baseUrl>/saml2/metadata} and no optional parts. */
    public static IdpIdentity at(URI baseUrl) {
        URI base = normalise(baseUrl);
        return new IdpIdentity(base + METADATA_PATH, base, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The demo IdP: {@code http://127.0.0.1:8080}. */
    public static IdpIdentity demo() {
        return at(DEMO_BASE_URL);
    }

    public IdpIdentity withEntityId(String newEntityId) {
        return new IdpIdentity(newEntityId, baseUrl, validUntil, organization, contactPerson);
    }

    public IdpIdentity withValidUntil(Instant instant) {
        return new IdpIdentity(entityId, baseUrl, Optional.of(instant), organization, contactPerson);
    }

    public IdpIdentity withOrganization(Organization newOrganization) {
        return new IdpIdentity(entityId, baseUrl, validUntil, Optional.of(newOrganization), contactPerson);
    }

    public IdpIdentity withContactPerson(ContactPerson contact) {
        return new IdpIdentity(entityId, baseUrl, validUntil, organization, Optional.of(contact));
    }

    /** {@code <base>/saml2/sso}: SP-initiated single sign-on, HTTP-Redirect and HTTP-POST. */
    public URI singleSignOnUrl() {
        return URI.create(baseUrl + SSO_PATH);
    }

    /** {@code <base>/saml2/ecp}: single sign-on for ECP clients (the SAML SOAP binding, HTTP Basic). */
    public URI ecpUrl() {
        return URI.create(baseUrl + ECP_PATH);
    }

    /** {@code <base>/saml2/slo}: SAML single logout, HTTP-Redirect and HTTP-POST. */
    public URI singleLogoutUrl() {
        return URI.create(baseUrl + SLO_PATH);
    }

    /** {@code <base>/saml2/metadata}: where the IdP serves its signed metadata. */
    public URI metadataUrl() {
        return URI.create(baseUrl + METADATA_PATH);
    }

    private static URI normalise(URI url) {
        Objects.requireNonNull(url, "baseUrl");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("the base URL must be an absolute http or https URL, was '" + url + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("the base URL must not have a query or fragment, was '" + url + "'");
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** The {@code md:Organization} element: who runs the IdP. */
    public record Organization(String name, String displayName, URI url) {
        public Organization {
            requireText(name, "organization name");
            requireText(displayName, "organization display name");
            Objects.requireNonNull(url, "url");
        }
    }

    /** The {@code md:ContactPerson} element: whom to contact about the IdP. */
    public record ContactPerson(ContactType type, Optional<String> givenName, Optional<String> emailAddress) {
        public ContactPerson {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(givenName, "givenName");
            Objects.requireNonNull(emailAddress, "emailAddress");
            if (givenName.isEmpty() && emailAddress.isEmpty()) {
                throw new IllegalArgumentException("a contact person needs a name or an email address");
            }
        }
    }

    /** The {@code contactType} values of the SAML metadata schema. */
    public enum ContactType {
        TECHNICAL, SUPPORT, ADMINISTRATIVE, BILLING, OTHER;

        public String schemaValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
    }
}
