package dev.stsbridge.verifier.iam;

import java.security.SecureRandom;

/**
 * IAM's unique identifiers, from {@link SecureRandom}: role IDs {@code AROA} + 17, managed policy IDs {@code ANPA} + 17
 * and SAML provider UUIDs {@code SAMLSP} + 16 uppercase alphanumerics (as AWS's look), private key IDs 26 uppercase alphanumerics (the model's
 * {@code [A-Z0-9]}, 22-64; AWS's format is not documented).
 */
public final class IamIds {

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
