package dev.stsbridge.keys;

/** The key types the IdP can sign with. RSA-3072 is the default: strong, and accepted everywhere AWS is. */
public enum KeyAlgorithm {
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072),
    RSA_4096("RSA", 4096),
    EC_P256("EC", 256);

    public static final KeyAlgorithm DEFAULT = RSA_3072;

    private final String jcaName;
    private final int bits;

    KeyAlgorithm(String jcaName, int bits) {
        this.jcaName = jcaName;
        this.bits = bits;
    }

    /** The JCA key algorithm name: {@code RSA} or {@code EC}. */
    public String jcaName() {
        return jcaName;
    }

    public int bits() {
        return bits;
    }

    /** The certificate signature algorithm that goes with this key type. */
    public String certificateSignatureAlgorithm() {
        return jcaName.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** Parses {@code rsa-2048}, {@code RSA_2048}, {@code ec-p256} and the like. */
    public static KeyAlgorithm parse(String text) {
        String normal = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.name().equals(normal)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm '" + text
                + "' (expected one of rsa-2048, rsa-3072, rsa-4096, ec-p256)");
    }
}
