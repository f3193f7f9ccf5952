package dev.stsbridge.xml;

import org.opensaml.core.config.ConfigurationService;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.config.XMLObjectProviderRegistry;

/**
 * Starts OpenSAML once per process, with our hardened parser pool as its parser.
 *
 * <p>Sets {@code org.apache.xml.security.ignoreLineBreaks=true} first, so that base64 values (certificates,
 * signature values) carry no {@code &#13;} line breaks.
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
                InitializationService.initialize();
            } catch (InitializationException e) {
                throw new IllegalStateException("OpenSAML failed to start: " + e.getMessage(), e);
            }
            XMLObjectProviderRegistry registry = ConfigurationService.get(XMLObjectProviderRegistry.class);
            registry.setParserPool(SecureXml.newParserPool());
            initialized = true;
        }
    }
}
