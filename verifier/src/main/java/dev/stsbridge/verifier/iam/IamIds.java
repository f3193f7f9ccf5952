package dev.stsbridge.verifier.iam;

import java.security.SecureRandom;

/**
 * IAM's unique identifiers, from {@link SecureRandom}: role IDs {@code AROA} + 17, managed policy IDs {@code ANPA} + 17
 * and SAML provider UUIDs {@code SAMLSP} + 16 uppercase alphanumerics (as AWS's look), private key IDs 26 uppercase alphanumerics (the model's
 * {@code [A-Z0-9]}, 22-64; AWS's format is not documented).
 */
public final class IamIds {

    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();

    public String roleId() {
        return "AROA" + random(17);
    }

    /** Managed policy IDs: {@code ANPA} + 17, as AWS's look. */
    public String policyId() {
        return "ANPA" + random(17);
    }

    public String samlProviderUuid() {
        return "SAMLSP" + random(16);
    }

    /** IAM user IDs: {@code AIDA} + 17, as AWS's look. */
    public String userId() {
        return "AIDA" + random(17);
    }

    /** Long-term access key IDs: {@code AKIA} + 16 characters of {@code [A-Z2-7]}, the alphabet AWS's key IDs use. */
    public String accessKeyId() {
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** A secret access key: 40 base64 characters (30 random bytes). */
    public String secretAccessKey() {
        byte[] raw = new byte[30];
        random.nextBytes(raw);
        return java.util.Base64.getEncoder().encodeToString(raw);
    }

    /** A virtual MFA device seed: 20 random bytes (160 bits, RFC 4226's recommended HMAC-SHA1 key length). */
    public byte[] mfaSeed() {
        byte[] raw = new byte[20];
        random.nextBytes(raw);
        return raw;
    }

    public String privateKeyId() {
        return random(26);
    }

    private String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
