package dev.stsbridge.metadata;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import javax.xml.namespace.QName;

import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.NameIDType;
import org.opensaml.saml.saml2.metadata.ContactPerson;
import org.opensaml.saml.saml2.metadata.ContactPersonTypeEnumeration;
import org.opensaml.saml.saml2.metadata.EmailAddress;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.GivenName;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.Organization;
import org.opensaml.saml.saml2.metadata.OrganizationDisplayName;
import org.opensaml.saml.saml2.metadata.OrganizationName;
import org.opensaml.saml.saml2.metadata.OrganizationURL;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.X509Data;
import org.w3c.dom.Document;

import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;

/**
 * Builds the IdP's {@code md:EntityDescriptor} with OpenSAML's object model: one {@code IDPSSODescriptor}
 * ({@code WantAuthnRequestsSigned="false"}), a {@code KeyDescriptor use="signing"} with only the X.509
 * certificate for each published key (current, then next), the NameID formats the IdP issues (persistent,
 * transient, emailAddress), single sign-on (HTTP-Redirect and HTTP-POST) and single logout (HTTP-Redirect and HTTP-POST);
 * {@code validUntil}, Organization and ContactPerson when the identity has them.
 *
 * <p>The {@code ID} attribute, which the enveloped signature references, is derived from the document's
 * content ({@code _} + 40 hex digits of its SHA-256), so the same keys and settings always give the same bytes.
 */
public final class IdpMetadataBuilder {

    /** The NameID formats the IdP issues. */
    public static final List<String> NAME_ID_FORMATS = List.of(
            NameIDType.PERSISTENT, NameIDType.TRANSIENT, NameIDType.EMAIL);

    public IdpMetadataBuilder() {
        OpenSaml.initialize();
    }

    /** The metadata document, unsigned, for the ring's published keys. */
    public Document build(IdpIdentity identity, KeyRing ring) {
        return build(identity, ring.published().stream().map(SigningKey::certificate).toList());
    }

    /** The metadata document, unsigned, publishing {@code signingCertificates} in this order. */
    public Document build(IdpIdentity identity, List<X509Certificate> signingCertificates) {
        if (signingCertificates.isEmpty()) {
            throw new IllegalArgumentException("the metadata needs at least one signing certificate");
        }
        EntityDescriptor descriptor = entityDescriptor(identity, signingCertificates);
        descriptor.setID(contentId(SecureXml.toBytes(marshal(descriptor))));
        return marshal(descriptor);
    }

    /** {@code _} + the first 20 bytes of SHA-256 in hex: an NCName that changes whenever the content does. */
    static String contentId(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "_" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private EntityDescriptor entityDescriptor(IdpIdentity identity, List<X509Certificate> certificates) {
        EntityDescriptor descriptor = build(EntityDescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.setEntityID(identity.entityId());
        identity.validUntil().ifPresent(descriptor::setValidUntil);
        descriptor.getRoleDescriptors().add(idpSsoDescriptor(identity, certificates));
        identity.organization().ifPresent(o -> descriptor.setOrganization(organization(o)));
        identity.contactPerson().ifPresent(c -> descriptor.getContactPersons().add(contactPerson(c)));
        return descriptor;
    }

    private IDPSSODescriptor idpSsoDescriptor(IdpIdentity identity, List<X509Certificate> certificates) {
        IDPSSODescriptor idp = build(IDPSSODescriptor.DEFAULT_ELEMENT_NAME);
        idp.addSupportedProtocol(SAMLConstants.SAML20P_NS);
        idp.setWantAuthnRequestsSigned(false);
        for (X509Certificate certificate : certificates) {
            idp.getKeyDescriptors().add(signingKeyDescriptor(certificate));
        }
        for (String binding : List.of(SAMLConstants.SAML2_REDIRECT_BINDING_URI, SAMLConstants.SAML2_POST_BINDING_URI)) {
            SingleLogoutService logout = build(SingleLogoutService.DEFAULT_ELEMENT_NAME);
            logout.setBinding(binding);
            logout.setLocation(identity.singleLogoutUrl().toString());
            idp.getSingleLogoutServices().add(logout);
        }
        for (String format : NAME_ID_FORMATS) {
            NameIDFormat nameIdFormat = build(NameIDFormat.DEFAULT_ELEMENT_NAME);
            nameIdFormat.setURI(format);
            idp.getNameIDFormats().add(nameIdFormat);
        }
        for (String binding : List.of(SAMLConstants.SAML2_REDIRECT_BINDING_URI, SAMLConstants.SAML2_POST_BINDING_URI)) {
            SingleSignOnService sso = build(SingleSignOnService.DEFAULT_ELEMENT_NAME);
            sso.setBinding(binding);
            sso.setLocation(identity.singleSignOnUrl().toString());
            idp.getSingleSignOnServices().add(sso);
        }
        SingleSignOnService ecp = build(SingleSignOnService.DEFAULT_ELEMENT_NAME); // ECP clients (SAML SOAP binding)
        ecp.setBinding(SAMLConstants.SAML2_SOAP11_BINDING_URI);
        ecp.setLocation(identity.ecpUrl().toString());
        idp.getSingleSignOnServices().add(ecp);
        return idp;
    }

    private KeyDescriptor signingKeyDescriptor(X509Certificate certificate) {
        org.opensaml.xmlsec.signature.X509Certificate element =
                build(org.opensaml.xmlsec.signature.X509Certificate.DEFAULT_ELEMENT_NAME);
        try {
            element.setValue(java.util.Base64.getEncoder().encodeToString(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
        X509Data data = build(X509Data.DEFAULT_ELEMENT_NAME);
        data.getX509Certificates().add(element);
        KeyInfo keyInfo = build(KeyInfo.DEFAULT_ELEMENT_NAME);
        keyInfo.getX509Datas().add(data);
        KeyDescriptor descriptor = build(KeyDescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.setUse(UsageType.SIGNING);
        descriptor.setKeyInfo(keyInfo);
        return descriptor;
    }

    private Organization organization(IdpIdentity.Organization organization) {
        OrganizationName name = build(OrganizationName.DEFAULT_ELEMENT_NAME);
        name.setValue(organization.name());
        name.setXMLLang("en");
        OrganizationDisplayName displayName = build(OrganizationDisplayName.DEFAULT_ELEMENT_NAME);
        displayName.setValue(organization.displayName());
        displayName.setXMLLang("en");
        OrganizationURL url = build(OrganizationURL.DEFAULT_ELEMENT_NAME);
        url.setURI(organization.url().toString());
        url.setXMLLang("en");
        Organization element = build(Organization.DEFAULT_ELEMENT_NAME);
        element.getOrganizationNames().add(name);
        element.getDisplayNames().add(displayName);
        element.getURLs().add(url);
        return element;
    }

    private ContactPerson contactPerson(IdpIdentity.ContactPerson contact) {
        ContactPerson element = build(ContactPerson.DEFAULT_ELEMENT_NAME);
        element.setType(contactType(contact.type()));
        contact.givenName().ifPresent(given -> {
            GivenName name = build(GivenName.DEFAULT_ELEMENT_NAME);
            name.setValue(given);
            element.setGivenName(name);
        });
        contact.emailAddress().ifPresent(address -> {
            EmailAddress email = build(EmailAddress.DEFAULT_ELEMENT_NAME);
            email.setURI(address.startsWith("mailto:") ? address : "mailto:" + address);
            element.getEmailAddresses().add(email);
        });
        return element;
    }

    private static ContactPersonTypeEnumeration contactType(IdpIdentity.ContactType type) {
        return switch (type) {
            case TECHNICAL -> ContactPersonTypeEnumeration.TECHNICAL;
            case SUPPORT -> ContactPersonTypeEnumeration.SUPPORT;
            case ADMINISTRATIVE -> ContactPersonTypeEnumeration.ADMINISTRATIVE;
            case BILLING -> ContactPersonTypeEnumeration.BILLING;
            case OTHER -> ContactPersonTypeEnumeration.OTHER;
        };
    }

    private static Document marshal(XMLObject object) {
        Document document = SecureXml.newDocument();
        try {
            XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(object).marshall(object, document);
        } catch (MarshallingException e) {
            throw new IllegalStateException("cannot marshal the metadata: " + e.getMessage(), e);
        }
        object.releaseDOM();
        object.releaseChildrenDOM(true);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static <T extends XMLObject> T build(QName name) {
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilderOrThrow(name).buildObject(name);
    }
}
