package dev.stsbridge.idp.mfa;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.stsbridge.keys.SecureFiles;

/**
 * AES-256-GCM for enrollments at rest. The key is 32 random bytes in {@code <data-dir>/keys/mfa-key} (mode 0600),
 * made at first start like the NameID secret; losing it loses every enrollment (people enroll again). Each
 * ciphertext is {@code version(1) || nonce(12) || ciphertext+tag}, and the person's file name is the associated
 * data, so a file copied to another person's name does not decrypt.
 *
 * <p>With a shared database the same key also seals each session row ({@code idp_session.sealed}; associated data
 * {@code session:<sha256 of the session ID>}, a domain no enrollment name can take), so that the database sees
 * neither a TOTP secret being enrolled nor a CSRF token.
 */
public final class EnrollmentCipher {

    static final String KEY_FILE = "mfa-key";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    EnrollmentCipher(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the MFA key has 256 bits");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** The key of {@code <data-dir>/keys/mfa-key}, created on first use. */
    public static EnrollmentCipher loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve("keys").resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length != 32) {
                    throw new IllegalStateException("the MFA key " + file + " is damaged (" + key.length
                            + " bytes, expected 32): restore it from a backup; without it every MFA enrollment is lost");
                }
                return new EnrollmentCipher(key, random);
            }
            byte[] key = new byte[32];
            random.nextBytes(key);
            SecureFiles.createPrivateDirectories(file.getParent());
            // Two nodes starting at once on one data directory: one creates it, the other reads that one.
            return SecureFiles.createAtomicallyIfAbsent(file, key) ? new EnrollmentCipher(key, random)
                    : loadOrCreate(dataDir, random);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the MFA key " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code plain} sealed under the key, bound to {@code associated} (which must be given again to open it). */
    public byte[] encrypt(byte[] plain, String associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException when the data was changed, or encrypted under another key or name */
    public byte[] decrypt(byte[] sealed, String associated) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("not an enrollment file of this version");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("does not decrypt with the MFA key (changed, or another key or person)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }
}
