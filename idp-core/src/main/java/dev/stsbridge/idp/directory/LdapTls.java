package dev.stsbridge.idp.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for LDAPS and StartTLS: the JDK's PKIX trust manager over the configured trust store (PEM
 * certificates, or a PKCS#12 file), or over the JVM's default CAs when none is configured. Host names are
 * checked separately (UnboundID's {@code HostNameSSLSocketVerifier}).
 */
final class LdapTls {

    private LdapTls() {
    }

    static SSLContext context(Optional<Path> trustStore, Optional<char[]> password) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore.isPresent() ? load(trustStore.get(), password) : null);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("directory.ldap.trust-store: cannot load "
                    + trustStore.map(Path::toString).orElse("the JVM's default trust store") + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, Optional<char[]> password) throws GeneralSecurityException, IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        if (new String(head, StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            return fromPem(file);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.orElse(null));
        }
        return store;
    }

    private static KeyStore fromPem(Path file) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + i++, certificate);
        }
        return store;
    }
}
