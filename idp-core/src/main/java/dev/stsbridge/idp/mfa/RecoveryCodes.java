package dev.stsbridge.idp.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One-time recovery codes: {@value #COUNT} codes of 80 random bits each ({@code abcd-efgh-ijkl-mnop}, base32),
 * shown once at enrollment and kept only as salted SHA-256 hashes (80 bits leave nothing to brute-force, so a slow
 * hash would add nothing). A code that signs someone in is removed. Dashes, spaces and case do not matter when
 * a code is typed.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final int CODE_BYTES = 10;

    /** A code as stored: its salt and {@code SHA-256(salt || code)}. */
    public record Hashed(byte[] salt, byte[] hash) {
        public Hashed {
            salt = Objects.requireNonNull(salt, "salt").clone();
            hash = Objects.requireNonNull(hash, "hash").clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        boolean matches(String normalisedCode) {
            return MessageDigest.isEqual(hash, digest(salt, normalisedCode));
        }
    }

    /** Fresh codes: the plain ones to show once, and the hashes to store. */
    public record Issued(List<String> plain, List<Hashed> hashed) {
        public Issued {
            plain = List.copyOf(plain);
            hashed = List.copyOf(hashed);
        }
    }

    private final SecureRandom random;

    public RecoveryCodes(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public Issued issue() {
        List<String> plain = new ArrayList<>();
        List<Hashed> hashed = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            byte[] bits = new byte[CODE_BYTES];
            random.nextBytes(bits);
            String code = Base32.encode(bits).toLowerCase(Locale.ROOT);
            plain.add(String.join("-", code.substring(0, 4), code.substring(4, 8), code.substring(8, 12),
                    code.substring(12, 16)));
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            hashed.add(new Hashed(salt, digest(salt, code)));
        }
        return new Issued(plain, hashed);
    }

    /**
     * The stored codes without the one typed, if it is one of them (every stored code is compared, each in
     * constant time); empty when it is none.
     */
    public static Optional<List<Hashed>> redeem(List<Hashed> stored, String typed) {
        String code = normalise(typed);
        if (code.length() != 16) {
            return Optional.empty();
        }
        int match = -1;
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).matches(code) && match < 0) {
                match = i;
            }
        }
        if (match < 0) {
            return Optional.empty();
        }
        List<Hashed> left = new ArrayList<>(stored);
        left.remove(match);
        return Optional.of(List.copyOf(left));
    }

    static String normalise(String typed) {
        return typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static byte[] digest(byte[] salt, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
