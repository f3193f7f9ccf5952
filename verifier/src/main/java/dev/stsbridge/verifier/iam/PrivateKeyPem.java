package dev.stsbridge.verifier.iam;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a provider private key ({@code AddPrivateKey}) with Bouncy Castle's PEM parser: one unencrypted RSA key,
 * PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), of at least
 * {@value #MIN_BITS} bits. Encrypted assertions use RSA key transport, so other key types are refused; AWS documents
 * neither the accepted types nor sizes, the minimum is our choice.
 */
public final class PrivateKeyPem {

    /** IAM's message for an unusable private key ({@code InvalidInput}). */
    public static final String AWS_MESSAGE = "Invalid private key.";

    public static final int MIN_BITS = 2048;

    private PrivateKeyPem() {
    }

    /**
     * @throws InvalidPrivateKeyException with the precise reason (never the key material)
     */
    public static PrivateKey parse(String pem) throws InvalidPrivateKeyException {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
            if (object != null && parser.readObject() != null) {
                throw new InvalidPrivateKeyException("the PEM text holds more than one object");
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidPrivateKeyException("the PEM text does not parse as a key");
        }
        PrivateKeyInfo info;
        if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (object instanceof PrivateKeyInfo plain) {
            info = plain;
        } else {
            throw new InvalidPrivateKeyException(object == null ? "no PEM object found"
                    : "the PEM object is not an unencrypted private key");
        }
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            String algorithm = X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())
                    ? "EC" : info.getPrivateKeyAlgorithm().getAlgorithm().getId();
            throw new InvalidPrivateKeyException("a " + algorithm + " key; encrypted assertions need RSA");
        }
        PrivateKey key;
        try {
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new InvalidPrivateKeyException("the private key does not decode");
        }
        RSAPrivateKey rsa = (RSAPrivateKey) key;
        if (rsa.getModulus().bitLength() < MIN_BITS) {
            throw new InvalidPrivateKeyException("a " + rsa.getModulus().bitLength() + "-bit RSA key; at least "
                    + MIN_BITS + " bits are needed");
        }
        return key;
    }

    /** The reason a private key was refused; never contains key material. */
    public static final class InvalidPrivateKeyException extends Exception {
        public InvalidPrivateKeyException(String reason) {
            super(reason, null, false, false);
        }
    }
}
