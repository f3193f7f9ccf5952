package dev.stsbridge.xml;

import java.util.List;

import org.opensaml.core.config.ConfigurationService;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.Initializer;
import org.opensaml.core.xml.config.AbstractXMLObjectProviderInitializer;
import org.opensaml.core.xml.config.XMLObjectProviderRegistry;

/**
 * Starts OpenSAML once per process, with our hardened parser pool as its parser.
 *
 * <p>Sets {@code org.apache.xml.security.ignoreLineBreaks=true} first, so that base64 values (certificates,
 * signature values) carry no {@code &#13;} line breaks.
 *
 * <p>Runs OpenSAML's own initializers, but only those of the parts stsbridge uses (XML object providers of the core,
 * SAML 2.0 assertions, protocol and metadata with its extensions, and XML security; the algorithm registry; the
 * security configuration; the decryption parser pool). {@code InitializationService.initialize()} runs every
 * initializer on the class path, SAML 1.1, SOAP, ECP and HTTP-client ones included, and takes about half as long
 * again; an element of a part not loaded is still read, as a generic {@code XSAny}.
 */
public final class OpenSaml {

    private static volatile boolean initialized;
    private static Thread background;

    private OpenSaml() {
    }

    /**
     * Starts {@link #initialize()} on a daemon thread and returns at once, so that OpenSAML's start (over a second
     * of class loading and configuration parsing) overlaps other start-up work. A later {@code initialize()}
     * waits for it to finish; if it failed, that call tries again and reports the failure.
     */
    public static synchronized void initializeInBackground() {
        if (initialized || background != null) {
            return;
        }
        background = new Thread(() -> {
            try {
                initialize();
            } catch (RuntimeException e) {
                // initialize() on the caller's thread tries again and reports it
            }
        }, "opensaml-init");
        background.setDaemon(true);
        background.start();
    }

    public static void initialize() {
        if (initialized) {
            return;
        }
        synchronized (OpenSaml.class) {
            if (initialized) {
                return;
            }
            System.setProperty("org.apache.xml.security.ignoreLineBreaks", "true");
            try {
                for (Initializer initializer : initializers()) {
                    initializer.init();
                }
            } catch (InitializationException e) {
                throw new IllegalStateException("OpenSAML failed to start: " + e.getMessage(), e);
            }
            XMLObjectProviderRegistry registry = ConfigurationService.get(XMLObjectProviderRegistry.class);
            registry.setParserPool(SecureXml.newParserPool());
            initialized = true;
        }
    }

    /** In the order of OpenSAML's own {@code META-INF/services} list. */
    private static List<Initializer> initializers() {
        return List.of(new Saml2ObjectProviders(),
                new org.opensaml.saml.config.impl.SAMLConfigurationInitializer(),
                new org.opensaml.core.xml.config.XMLObjectProviderInitializer(),
                new org.opensaml.core.xml.config.GlobalParserPoolInitializer(),
                new org.opensaml.xmlsec.config.GlobalAlgorithmRegistryInitializer(),
                new org.opensaml.xmlsec.config.DecryptionParserPoolInitializer(),
                new org.opensaml.xmlsec.config.impl.JavaCryptoValidationInitializer(),
                new org.opensaml.xmlsec.config.impl.XMLObjectProviderInitializer(),
                new org.opensaml.xmlsec.config.impl.ApacheXMLSecurityInitializer(),
                new org.opensaml.xmlsec.config.impl.GlobalSecurityConfigurationInitializer());
    }

    /** OpenSAML's SAML object providers ({@code saml.config.impl.XMLObjectProviderInitializer}) without SAML 1.1. */
    private static final class Saml2ObjectProviders extends AbstractXMLObjectProviderInitializer {
        @Override
        protected String[] getConfigResources() {
            return new String[] {"/saml2-assertion-config.xml", "/saml2-metadata-algorithm-config.xml",
                "/saml2-metadata-attr-config.xml", "/saml2-metadata-config.xml",
                "/saml2-metadata-idp-discovery-config.xml", "/saml2-metadata-query-config.xml",
                "/saml2-metadata-reqinit-config.xml", "/saml2-metadata-ui-config.xml", "/saml2-metadata-rpi-config.xml",
                "/saml2-protocol-config.xml", "/saml2-req-attr-config.xml"};
        }
    }
}
