package dev.stsbridge.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.core.xml.schema.XSBooleanValue;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.AttributeConsumingService;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.keyinfo.KeyInfoSupport;
import org.w3c.dom.Element;

import dev.stsbridge.metadata.MetadataException.Kind;
import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;
import dev.stsbridge.xml.XmlParseException;

/**
 * Reads a SAML 2.0 service provider's metadata (an {@code md:EntityDescriptor} with an {@code SPSSODescriptor})
 * into a {@link ServiceProvider}: parsed by {@link SecureXml}, validated against the metadata schema, read with
 * OpenSAML's object model. AWS's own SP metadata ({@code urn:amazon:webservices}) is bundled.
 *
 * <p>It does not check a signature on the SP's metadata: SPs are registered by an administrator from a file
 * they trust; AWS's bundled metadata is unsigned.
 */
public final class ServiceProviderMetadataReader {

    /** AWS's SP metadata for the console sign-in endpoint, as a class path resource. */
    public static final String AWS_SIGNIN_RESOURCE = "dev/stsbridge/metadata/aws-signin-sp-metadata.xml";

    private final MetadataSchemaValidator schema = new MetadataSchemaValidator();

    public ServiceProviderMetadataReader() {
        OpenSaml.initialize();
    }

    /** AWS's sign-in service provider, {@code urn:amazon:webservices}. */
    public ServiceProvider awsSignIn() {
        return read(awsSignInMetadata());
    }

    /** The bytes of AWS's bundled SP metadata. */
    public static byte[] awsSignInMetadata() {
        try (InputStream in = ServiceProviderMetadataReader.class.getClassLoader().getResourceAsStream(AWS_SIGNIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled AWS SP metadata " + AWS_SIGNIN_RESOURCE + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled AWS SP metadata: " + e.getMessage(), e);
        }
    }

    /**
     * @throws MetadataException if the document is not well-formed or schema-valid XML, or describes no SAML 2.0
     *     service provider
     */
    public ServiceProvider read(byte[] metadata) {
        Element root = parse(metadata);
        schema.validate(metadata);
        if (!(unmarshal(root) instanceof EntityDescriptor entity)) {
            throw new MetadataException(Kind.UNUSABLE, "SP metadata must be an md:EntityDescriptor, is <" + root.getTagName() + ">");
        }
        SPSSODescriptor sp = entity.getSPSSODescriptor(SAMLConstants.SAML20P_NS);
        if (sp == null) {
            throw new MetadataException(Kind.UNUSABLE, "the entity " + entity.getEntityID()
                    + " has no SPSSODescriptor for SAML 2.0 (" + SAMLConstants.SAML20P_NS + ")");
        }
        try {
            return new ServiceProvider(entity.getEntityID(), assertionConsumerServices(sp),
                    certificates(sp, UsageType.SIGNING), certificates(sp, UsageType.ENCRYPTION),
                    Boolean.TRUE.equals(sp.getWantAssertionsSigned()), Boolean.TRUE.equals(sp.isAuthnRequestsSigned()),
                    sp.getNameIDFormats().stream().map(f -> f.getURI()).toList(), requestedAttributes(sp),
                    singleLogoutServices(sp));
        } catch (IllegalArgumentException e) {
            throw new MetadataException(Kind.UNUSABLE, e.getMessage(), e);
        }
    }

    private static Element parse(byte[] metadata) {
        try {
            return SecureXml.parse(metadata).getDocumentElement();
        } catch (XmlParseException e) {
            throw new MetadataException(Kind.NOT_WELL_FORMED, e.getMessage(), e);
        }
    }

    private static XMLObject unmarshal(Element root) {
        try {
            return XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root).unmarshall(root);
        } catch (UnmarshallingException e) {
            throw new MetadataException(Kind.SCHEMA_INVALID, "cannot read the SP metadata: " + e.getMessage(), e);
        }
    }

    private static List<ServiceProvider.AssertionConsumerService> assertionConsumerServices(SPSSODescriptor sp) {
        List<ServiceProvider.AssertionConsumerService> services = new ArrayList<>();
        for (var acs : sp.getAssertionConsumerServices()) {
            XSBooleanValue isDefault = acs.isDefaultXSBoolean();
            services.add(new ServiceProvider.AssertionConsumerService(acs.getBinding(), location(acs.getLocation()),
                    acs.getIndex(), Optional.ofNullable(isDefault).map(XSBooleanValue::getValue)));
        }
        return services;
    }

    private static List<ServiceProvider.SingleLogoutService> singleLogoutServices(SPSSODescriptor sp) {
        List<ServiceProvider.SingleLogoutService> services = new ArrayList<>();
        for (var slo : sp.getSingleLogoutServices()) {
            services.add(new ServiceProvider.SingleLogoutService(slo.getBinding(), location(slo.getLocation()),
                    Optional.ofNullable(slo.getResponseLocation()).map(ServiceProviderMetadataReader::location)));
        }
        return services;
    }

    private static URI location(String location) {
        try {
            return new URI(location);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint location '" + location + "' is not a URI", e);
        }
    }

    /** Certificates of KeyDescriptors with this use, or with no use (which means both). */
    private static List<X509Certificate> certificates(SPSSODescriptor sp, UsageType use) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (KeyDescriptor descriptor : sp.getKeyDescriptors()) {
            UsageType declared = descriptor.getUse();
            if (descriptor.getKeyInfo() == null || declared != null && declared != UsageType.UNSPECIFIED && declared != use) {
                continue;
            }
            try {
                certificates.addAll(KeyInfoSupport.getCertificates(descriptor.getKeyInfo()));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("a certificate in the SP metadata cannot be read: " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    private static List<ServiceProvider.RequestedAttribute> requestedAttributes(SPSSODescriptor sp) {
        List<ServiceProvider.RequestedAttribute> attributes = new ArrayList<>();
        for (AttributeConsumingService service : sp.getAttributeConsumingServices()) {
            for (var requested : service.getRequestedAttributes()) {
                attributes.add(new ServiceProvider.RequestedAttribute(requested.getName(),
                        Optional.ofNullable(requested.getFriendlyName()), Boolean.TRUE.equals(requested.isRequired())));
            }
        }
        return attributes;
    }
}
