package dev.stsbridge.verifier.webidentity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestPki;

/** The TLS trust of an OpenID provider: a listed thumbprint on a chain whose links verify, nothing else. */
class ThumbprintTrustTest {

    private static final KeyPair CA_KEYS = TestPki.rsa(2048);
    private static final KeyPair LEAF_KEYS = TestPki.rsa(2048);
    private static final X509Certificate CA = ca("CN=Test CA", CA_KEYS);
    private static final X509Certificate LEAF = issued("CN=localhost", LEAF_KEYS, "CN=Test CA", CA_KEYS, 30);

    private static X509Certificate ca(String name, KeyPair keys) {
        return issued(name, keys, name, keys, 365, true);
    }

    private static X509Certificate issued(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                          int days) {
        return issued(subject, subjectKeys, issuer, issuerKeys, days, false);
    }

    private static X509Certificate issued(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                          int days, boolean ca) {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(System.nanoTime()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(days, ChronoUnit.DAYS)), new X500Name(subject), subjectKeys.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ThumbprintTrust trusting(X509Certificate certificate) throws Exception {
        return new ThumbprintTrust(List.of(ThumbprintTrust.sha1(certificate)), Clock.systemUTC());
    }

    @Test
    void aChainUpToTheListedCaIsTrusted() throws Exception {
        assertThatCode(() -> trusting(CA).checkServerTrusted(new X509Certificate[] {LEAF, CA}, "RSA"))
                .doesNotThrowAnyException();
    }

    @Test
    void aSelfSignedServerCertificateListedItselfIsTrusted() throws Exception {
        X509Certificate self = TestPki.selfSigned(LEAF_KEYS, "localhost");
        assertThatCode(() -> trusting(self).checkServerTrusted(new X509Certificate[] {self}, "RSA"))
                .doesNotThrowAnyException();
    }

    @Test
    void aListedCaAppendedToAChainItDidNotSignIsRefused() throws Exception {
        X509Certificate impostor = TestPki.selfSigned(TestPki.rsa(2048), "localhost");
        assertThatThrownBy(() -> trusting(CA).checkServerTrusted(new X509Certificate[] {impostor, CA}, "RSA"))
                .isInstanceOf(ThumbprintTrust.Mismatch.class)
                .hasMessage("certificate 0 of the chain is not signed by the next one");
    }

    @Test
    void aCertificateForTheHostSignedWithAnOrdinaryServerKeyUnderTheListedCaIsRefused() throws Exception {
        // anyone with some server certificate under the listed CA could otherwise sign one for the provider's host
        KeyPair forgedKeys = TestPki.rsa(2048);
        X509Certificate forged = issued("CN=localhost", forgedKeys, "CN=localhost", LEAF_KEYS, 30);
        assertThatThrownBy(() -> trusting(CA).checkServerTrusted(new X509Certificate[] {forged, LEAF, CA}, "RSA"))
                .isInstanceOf(ThumbprintTrust.Mismatch.class)
                .hasMessage("certificate 1 of the chain is not a CA");
    }

    @Test
    void aCertificateWhoseIssuerNameIsNotTheSignersSubjectIsRefused() throws Exception {
        X509Certificate misnamed = issued("CN=localhost", LEAF_KEYS, "CN=Another CA", CA_KEYS, 30);
        assertThatThrownBy(() -> trusting(CA).checkServerTrusted(new X509Certificate[] {misnamed, CA}, "RSA"))
                .isInstanceOf(ThumbprintTrust.Mismatch.class)
                .hasMessage("certificate 0 of the chain names another issuer");
    }

    @Test
    void aChainWithoutAListedThumbprintIsRefused() throws Exception {
        X509Certificate other = TestPki.selfSigned(TestPki.rsa(2048), "other");
        assertThatThrownBy(() -> trusting(other).checkServerTrusted(new X509Certificate[] {LEAF, CA}, "RSA"))
                .isInstanceOf(ThumbprintTrust.Mismatch.class)
                .hasMessage("no certificate of the server's chain has a configured thumbprint");
    }

    @Test
    void anEmptyThumbprintListTrustsNoServer() {
        assertThatThrownBy(() -> new ThumbprintTrust(List.of(), Clock.systemUTC())
                .checkServerTrusted(new X509Certificate[] {LEAF, CA}, "RSA"))
                .isInstanceOf(ThumbprintTrust.Mismatch.class);
    }

    @Test
    void anExpiredServerCertificateIsRefusedEvenUnderAListedCa() throws Exception {
        Clock later = Clock.fixed(Instant.now().plus(60, ChronoUnit.DAYS), ZoneOffset.UTC);
        ThumbprintTrust trust = new ThumbprintTrust(List.of(ThumbprintTrust.sha1(CA)), later);
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {LEAF, CA}, "RSA"))
                .isInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void clientCertificatesAreNeverTrusted() {
        assertThatThrownBy(() -> trusting(CA).checkClientTrusted(new X509Certificate[] {LEAF, CA}, "RSA"))
                .isInstanceOf(java.security.cert.CertificateException.class);
    }
}
