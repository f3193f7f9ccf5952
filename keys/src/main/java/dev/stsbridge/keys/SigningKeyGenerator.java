package dev.stsbridge.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a signing key with a self-signed X.509 certificate, as SAML metadata publishes it.
 *
 * <p>The subject is {@code CN=<entity ID host or text>} (shortened to the 64 characters X.520 allows), the
 * certificate carries basic constraints (not a CA), key usage digitalSignature, and a subject key identifier;
 * each extension once, as AWS requires. Bouncy Castle builds the certificate; the key pair comes from the
 * JDK's providers.
 */
public final class SigningKeyGenerator {

    /** Signing certificates for SAML are usually long-lived; rotation is by metadata, not by expiry. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3652);

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final SecureRandom random;

    public SigningKeyGenerator(Clock clock) {
        this(clock, new SecureRandom());
    }

    public SigningKeyGenerator(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param algorithm the key type
     * @param entityId the IdP's entity ID; the certificate's common name is derived from it
     * @param validity how long the certificate is valid from now
     */
    public SigningKey generate(KeyAlgorithm algorithm, String entityId, Duration validity) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(entityId, "entityId");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate validity must be positive, was " + validity);
        }
        Instant now = clock.instant();
        KeyPair pair = keyPair(algorithm);
        X509Certificate certificate = selfSign(pair, algorithm, subject(entityId), now, now.plus(validity));
        return new SigningKey("signing-" + ID_TIME.format(now), algorithm, pair.getPrivate(), certificate);
    }

    private KeyPair keyPair(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
            if (algorithm == KeyAlgorithm.EC_P256) {
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            } else {
                generator.initialize(algorithm.bits(), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    static X500Name subject(String entityId) {
        String commonName = commonName(entityId);
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /** The host of a URL entity ID, or the entity ID itself; at most 64 characters (X.520 ub-common-name). */
    static String commonName(String entityId) {
        String name = entityId;
        try {
            java.net.URI uri = java.net.URI.create(entityId);
            if (uri.getHost() != null) {
                name = uri.getHost();
            }
        } catch (IllegalArgumentException notAUri) {
            // use the entity ID as it is
        }
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private X509Certificate selfSign(KeyPair pair, KeyAlgorithm algorithm, X500Name subject,
                                     Instant notBefore, Instant notAfter) {
        try {
            BigInteger serial = new BigInteger(159, random).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            var signer = new JcaContentSignerBuilder(algorithm.certificateSignatureAlgorithm())
                    .setSecureRandom(random).build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | java.security.cert.CertificateException
                 | java.security.NoSuchAlgorithmException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot create the self-signed certificate: " + e.getMessage(), e);
        }
    }
}
