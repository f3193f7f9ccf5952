package dev.stsbridge.app.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for talking to an issuer: the JDK's default trust store, exactly one certificate (a PEM or DER file,
 * e.g. the demo's self-signed one), or the SHA-1 thumbprint IAM knows the issuer by. Host names are checked in every
 * case (the HTTP client verifies the name against the certificate); there is no way to turn verification off.
 */
public final class IssuerTrust {

    private final SSLContext context;

    private IssuerTrust(SSLContext context) {
        this.context = context;
    }

    public SSLContext sslContext() {
        return context;
    }

    /** The JDK's trust store (a publicly trusted issuer). */
    public static IssuerTrust system() {
        try {
            return new IssuerTrust(SSLContext.getDefault());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context: " + e.getMessage(), e);
        }
    }

    /** Only {@code certificate} (a self-signed server certificate, or the CA that issued the server's). */
    public static IssuerTrust certificate(X509Certificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("issuer", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return of(factory.getTrustManagers());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the certificate: " + e.getMessage(), e);
        }
    }

    /** Only the certificate in {@code file} (PEM or DER). */
    public static IssuerTrust certificateFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return certificate((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (IOException | CertificateException e) {
            throw new TokenFailure("cannot read the certificate " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A server whose chain holds a certificate with this SHA-1 thumbprint (40 hex digits, as IAM's
     * {@code --thumbprint-list}), each certificate below it signed by the next and all of them within their validity.
     */
    public static IssuerTrust thumbprint(String sha1Hex) {
        String wanted = sha1Hex.replace(":", "").toLowerCase(Locale.ROOT);
        if (!wanted.matches("[0-9a-f]{40}")) {
            throw new TokenFailure("a thumbprint is 40 hex digits (the SHA-1 of the certificate), not " + sha1Hex);
        }
        return of(new TrustManager[] {new ThumbprintTrustManager(HexFormat.of().parseHex(wanted))});
    }

    private static IssuerTrust of(TrustManager[] managers) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            return new IssuerTrust(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Pins a certificate of the chain by its SHA-1 (compared in constant time). The JDK wraps a plain
     * {@link X509TrustManager} so that the host name is still checked against the leaf.
     */
    private static final class ThumbprintTrustManager implements X509TrustManager {
        private final byte[] thumbprint;

        ThumbprintTrustManager(byte[] thumbprint) {
            this.thumbprint = thumbprint.clone();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            for (int i = 0; i < chain.length; i++) {
                chain[i].checkValidity();
                if (MessageDigest.isEqual(thumbprint, sha1(chain[i]))) {
                    return;
                }
                if (i + 1 < chain.length) {
                    verifySignedBy(chain[i], chain[i + 1]);
                }
            }
            throw new CertificateException("no certificate of the server's chain has the SHA-1 thumbprint "
                    + HexFormat.of().formatHex(thumbprint));
        }

        private static void verifySignedBy(X509Certificate certificate, X509Certificate issuer)
                throws CertificateException {
            try {
                certificate.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("the server's chain is broken: " + e.getMessage(), e);
            }
        }

        private static byte[] sha1(X509Certificate certificate) throws CertificateException {
            try {
                return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
