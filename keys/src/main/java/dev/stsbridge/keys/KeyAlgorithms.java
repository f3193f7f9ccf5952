package dev.stsbridge.keys;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** Reads the {@link KeyAlgorithm} back from a key (the key store keeps keys, not our enum). */
final class KeyAlgorithms {

    private KeyAlgorithms() {
    }

    static Optional<KeyAlgorithm> of(PublicKey key) {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.jcaName().equals(key.getAlgorithm()) && bits(key) == algorithm.bits()) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** "RSA-1024", "EC-384", "DSA" and the like. */
    static String describe(PublicKey key) {
        int bits = bits(key);
        return bits > 0 ? key.getAlgorithm() + "-" + bits : key.getAlgorithm();
    }

    private static int bits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }
}
