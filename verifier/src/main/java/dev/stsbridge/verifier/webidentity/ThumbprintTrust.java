package dev.stsbridge.verifier.webidentity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust AWS gives an OpenID Connect provider: the server's chain is trusted iff one of its certificates has a
 * SHA-1 fingerprint in the provider's thumbprint list (AWS asks for the top intermediate CA's, or the certificate's own
 * when it is self-signed), every certificate from the server's own up to that one is signed by the next, which must be
 * a CA allowed to issue it (basic constraints, key usage, names, path length), and is within its validity period. Host name verification stays on (the JDK's HTTPS endpoint identification). No other trust
 * anchor is used: not the JDK's CA store.
 */
final class ThumbprintTrust implements X509TrustManager {

    /** The server's chain has no certificate with a configured thumbprint. */
    static final class Mismatch extends CertificateException {
        Mismatch(String message) {
            super(message);
        }
    }

    private final Set<String> thumbprints;
    private final Clock clock;

    ThumbprintTrust(List<String> thumbprints, Clock clock) {
        this.thumbprints = Set.copyOf(thumbprints);
        this.clock = clock;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new Mismatch("the server sent no certificate");
        }
        for (int i = 0; i < chain.length; i++) {
            if (thumbprints.contains(sha1(chain[i]))) {
                checkPath(chain, i);
                return;
            }
        }
        throw new Mismatch("no certificate of the server's chain has a configured thumbprint");
    }

    private void checkPath(X509Certificate[] chain, int trusted) throws CertificateException {
        Date now = Date.from(clock.instant());
        for (int i = 0; i <= trusted; i++) {
            chain[i].checkValidity(now);
            if (i < trusted) {
                try {
                    chain[i].verify(chain[i + 1].getPublicKey());
                } catch (GeneralSecurityException e) {
                    throw new Mismatch("certificate " + i + " of the chain is not signed by the next one");
                }
                mayIssue(chain[i], chain[i + 1], i + 1);
            }
        }
    }

    /**
     * Whether {@code issuer}, at {@code index} of the chain, may have issued {@code child}: a CA (basic constraints)
     * whose key usage, if any, allows certificate signing, whose subject is the child's issuer, and whose path length
     * allows the CAs below it. Without this, the key of any ordinary server certificate under a listed CA could sign a
     * certificate for the provider's host.
     */
    private static void mayIssue(X509Certificate child, X509Certificate issuer, int index) throws Mismatch {
        int pathLength = issuer.getBasicConstraints();
        if (pathLength < 0) {
            throw new Mismatch("certificate " + index + " of the chain is not a CA");
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length <= 5 || !usage[5])) {
            throw new Mismatch("certificate " + index + " of the chain may not sign certificates");
        }
        if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new Mismatch("certificate " + (index - 1) + " of the chain names another issuer");
        }
        if (index - 1 > pathLength) {
            throw new Mismatch("certificate " + index + " of the chain allows " + pathLength
                    + " intermediate CAs below it");
        }
    }

    /** The SHA-1 fingerprint of the DER encoding, 40 lower-case hex characters (IAM's thumbprint). */
    static String sha1(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not trusted here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
