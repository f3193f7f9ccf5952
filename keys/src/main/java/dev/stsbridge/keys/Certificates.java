package dev.stsbridge.keys;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Certificates as people handle them: PEM text and SHA-256 fingerprints. */
public final class Certificates {

    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Certificates() {
    }

    /** The SHA-256 fingerprint of the DER encoding, as {@code AB:CD:...} (the form {@code openssl x509 -fingerprint} prints). */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    /** The certificate as a PEM block ({@code -----BEGIN CERTIFICATE-----}, 64-character lines). */
    public static String toPem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + PEM_BASE64.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Reads every certificate in PEM (or DER) input.
     *
     * @throws IllegalArgumentException if the input holds no certificate or cannot be read
     */
    public static List<X509Certificate> fromPem(byte[] input) {
        try {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(input));
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : read) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate found (expected PEM: -----BEGIN CERTIFICATE-----)");
            }
            return certificates;
        } catch (CertificateException e) {
            String reason = e.getMessage() == null ? "unreadable" : e.getMessage().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("not a PEM certificate (" + reason + ")", e);
        }
    }
}
