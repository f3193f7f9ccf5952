package dev.stsbridge.verifier.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key pairs with self-signed certificates, generated at run time (no key is ever committed). The named ones are
 * made once per test JVM, because RSA key generation is slow on a shared 2-core machine.
 */
public final class TestKeys {
    private static final class Lazy {
        static final TestKeys IDP = rsa("CN=idp.example.com");
        static final TestKeys ATTACKER = rsa("CN=attacker.example.net");
        static final TestKeys OTHER_IDP = rsa("CN=other-idp.example.org");
        static final TestKeys SP_ENCRYPTION = rsa("CN=aws-sp-encryption");
        static final TestKeys EC_IDP = ec("CN=ec-idp.example.com");
    }

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TestKeys(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** The IdP's RSA-2048 signing key, registered in the test provider's metadata. */
    public static TestKeys idp() {
        return Lazy.IDP;
    }

    /** An RSA-2048 key that no provider registers. */
    public static TestKeys attacker() {
        return Lazy.ATTACKER;
    }

    /** The RSA-2048 key of another provider. */
    public static TestKeys otherIdp() {
        return Lazy.OTHER_IDP;
    }

    /** The RSA-2048 key pair of a provider's AddPrivateKey (assertions are encrypted to its public key). */
    public static TestKeys spEncryption() {
        return Lazy.SP_ENCRYPTION;
    }

    /** An EC P-256 signing key. */
    public static TestKeys ecIdp() {
        return Lazy.EC_IDP;
    }

    /** A new RSA-2048 key pair and certificate. */
    public static TestKeys rsa(String subject) {
        return generate("RSA", 2048, subject, "SHA256withRSA");
    }

    /** A new EC P-256 key pair and certificate. */
    public static TestKeys ec(String subject) {
        return generate("EC", 256, subject, "SHA256withECDSA");
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public java.security.PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    private static TestKeys generate(String algorithm, int size, String subject, String signatureAlgorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(size);
            }
            KeyPair pair = generator.generateKeyPair();
            return new TestKeys(pair, selfSigned(pair, subject, signatureAlgorithm));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, String subject, String signatureAlgorithm)
            throws OperatorCreationException, GeneralSecurityException {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name,
                pair.getPublic());
        var signer = new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
