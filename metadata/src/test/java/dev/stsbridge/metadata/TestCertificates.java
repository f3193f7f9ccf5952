package dev.stsbridge.metadata;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.DERNull;

/** Certificates that break AWS's rules, made with Bouncy Castle at test time (nothing secret is committed). */
final class TestCertificates {

    private static final Instant NOT_BEFORE = TestKeys.NOW.minusSeconds(86_400);

    private TestCertificates() {
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate's DER, with key usage once (a normal certificate). */
    static byte[] selfSigned(KeyPair keys, String commonName, Instant notAfter) {
        try {
            X500Name name = new X500Name("CN=" + commonName);
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(7), Date.from(NOT_BEFORE),
                    Date.from(notAfter), name, keys.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A self-signed certificate whose key usage extension appears twice. Built field by field, because every
     * certificate builder (rightly) refuses to do this.
     */
    static byte[] withRepeatedKeyUsage(KeyPair keys, String commonName, Instant notAfter) {
        try {
            AlgorithmIdentifier sha256WithRsa = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
            X500Name name = new X500Name("CN=" + commonName);
            Extension keyUsage = new Extension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature).getEncoded());
            ASN1EncodableVector tbs = new ASN1EncodableVector();
            tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(2)));
            tbs.add(new ASN1Integer(8));
            tbs.add(sha256WithRsa);
            tbs.add(name);
            tbs.add(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new Time(Date.from(NOT_BEFORE)), new Time(Date.from(notAfter))}));
            tbs.add(name);
            tbs.add(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            tbs.add(new DERTaggedObject(true, 3, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {keyUsage, keyUsage})));
            byte[] tbsDer = new DERSequence(tbs).getEncoded();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbsDer);
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(new DERSequence(tbs));
            certificate.add(sha256WithRsa);
            certificate.add(new DERBitString(signer.sign()));
            return new DERSequence(certificate).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
