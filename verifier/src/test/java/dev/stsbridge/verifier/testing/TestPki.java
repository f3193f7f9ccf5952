package dev.stsbridge.verifier.testing;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates generated at test time (never committed), with Bouncy Castle. */
public final class TestPki {

    private static final KeyPair RSA_2048 = rsa(2048);

    private TestPki() {
    }

    /** One RSA-2048 key pair for the whole test run. */
    public static KeyPair rsa2048() {
        return RSA_2048;
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate for {@code cn} with a basic-constraints extension. */
    public static X509Certificate selfSigned(KeyPair keys, String cn) {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name name = new X500Name("CN=" + cn);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(365, ChronoUnit.DAYS)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
            String algorithm = keys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The DER of a certificate like {@link #selfSigned} whose extension list carries the basic-constraints extension
     * twice (which certificate builders refuse to produce): the TBS is rebuilt by hand and signed again.
     */
    public static byte[] withRepeatedExtension(KeyPair keys, String cn) {
        try {
            ASN1Sequence certificate = ASN1Sequence.getInstance(selfSigned(keys, cn).getEncoded());
            ASN1Sequence tbs = ASN1Sequence.getInstance(certificate.getObjectAt(0));
            ASN1EncodableVector fields = new ASN1EncodableVector();
            for (ASN1Encodable field : tbs) {
                if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    ASN1Sequence extensions = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
                    ASN1EncodableVector doubled = new ASN1EncodableVector();
                    extensions.forEach(doubled::add);
                    extensions.forEach(doubled::add);
                    fields.add(new DERTaggedObject(true, 3, new DERSequence(doubled)));
                } else {
                    fields.add(field);
                }
            }
            DERSequence newTbs = new DERSequence(fields);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(newTbs.getEncoded("DER"));
            AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
            ASN1EncodableVector whole = new ASN1EncodableVector();
            whole.add(newTbs);
            whole.add(algorithm);
            whole.add(new DERBitString(signer.sign()));
            return new DERSequence(whole).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64(byte[] der) {
        return Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    }

    public static String base64(X509Certificate certificate) {
        try {
            return base64(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + base64(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** Traditional OpenSSL PEM ({@code BEGIN RSA PRIVATE KEY}, PKCS#1; {@code BEGIN EC PRIVATE KEY}). */
    public static String traditionalPem(KeyPair keys) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
