package dev.stsbridge.metadata;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * What AWS's upload rules need to know about a certificate, read from its DER with Bouncy Castle's ASN.1 parser
 * rather than as an {@code X509Certificate}: the JDK refuses a certificate with a repeated extension outright
 * and Bouncy Castle's certificate classes do too, so the extension list is walked by hand here (a few lines of
 * ASN.1 navigation, not a certificate parser).
 *
 * @param subject the subject, for messages
 * @param keyType {@code RSA}, {@code EC}, {@code DSA} or the key algorithm's OID
 * @param keyBits the key size (RSA modulus, DSA prime, EC field size), 0 if unknown
 * @param notAfter the end of the validity period
 * @param repeatedExtensions the OIDs of extensions that appear more than once
 */
record CertificateFacts(String subject, String keyType, int keyBits, Instant notAfter,
                        List<String> repeatedExtensions) {

    CertificateFacts {
        repeatedExtensions = List.copyOf(repeatedExtensions);
    }

    /** @throws IllegalArgumentException if the bytes are not an X.509 certificate's structure */
    static CertificateFacts read(byte[] der) {
        try {
            ASN1Sequence certificate = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            ASN1Sequence tbs = ASN1Sequence.getInstance(certificate.getObjectAt(0));
            int offset = tbs.getObjectAt(0) instanceof ASN1TaggedObject ? 1 : 0;  // the optional [0] version
            ASN1Sequence validity = ASN1Sequence.getInstance(tbs.getObjectAt(offset + 3));
            X500Name subject = X500Name.getInstance(tbs.getObjectAt(offset + 4));
            SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(tbs.getObjectAt(offset + 5));
            Instant notAfter = Time.getInstance(validity.getObjectAt(1)).getDate().toInstant();
            return new CertificateFacts(subject.toString(), keyType(key), keyBits(key), notAfter,
                    repeatedExtensions(tbs, offset + 6));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER-encoded X.509 certificate (" + e.getMessage() + ")", e);
        }
    }

    /** Extensions live in the explicitly tagged [3] field after the subject public key info. */
    private static List<String> repeatedExtensions(ASN1Sequence tbs, int from) {
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (int i = from; i < tbs.size(); i++) {
            ASN1Encodable field = tbs.getObjectAt(i);
            if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                    String oid = ASN1ObjectIdentifier.getInstance(ASN1Sequence.getInstance(extension).getObjectAt(0)).getId();
                    if (!seen.add(oid) && !repeated.contains(oid)) {
                        repeated.add(oid);
                    }
                }
            }
        }
        return repeated;
    }

    private static String keyType(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_dsa)) {
            return "DSA";
        }
        return algorithm.getId();
    }

    private static int keyBits(SubjectPublicKeyInfo key) throws IOException {
        return switch (keyType(key)) {
            case "RSA" -> RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
            case "DSA" -> Optional.ofNullable(key.getAlgorithm().getParameters())
                    .map(p -> DSAParameter.getInstance(p).getP()).map(BigInteger::bitLength).orElse(0);
            case "EC" -> ecFieldSize(key.getAlgorithm().getParameters());
            default -> 0;
        };
    }

    private static int ecFieldSize(ASN1Encodable parameters) {
        if (parameters instanceof ASN1ObjectIdentifier curve) {
            X9ECParameters named = ECNamedCurveTable.getByOID(curve);
            return named == null ? 0 : named.getCurve().getFieldSize();
        }
        return 0;
    }
}
