package dev.stsbridge.idp.sso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import dev.stsbridge.idp.claims.NameIdGenerator;
import dev.stsbridge.keys.SecureFiles;

/**
 * The key of persistent NameIDs: 32 random bytes in {@code <data-dir>/keys/nameid-secret} (mode 0600), made at
 * first start and kept, so that a person's persistent NameID stays the same across restarts. Losing it changes
 * every persistent NameID (AWS then sees new {@code saml:sub} values).
 */
public final class NameIdSecret {

    static final String FILE = "nameid-secret";

    private NameIdSecret() {
    }

    public static byte[] loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve("keys").resolve(FILE);
        try {
            if (Files.exists(file)) {
                byte[] secret = Files.readAllBytes(file);
                if (secret.length < NameIdGenerator.MIN_SECRET_BYTES) {
                    throw new IllegalStateException("the NameID secret " + file + " is damaged ("
                            + secret.length + " bytes, expected " + NameIdGenerator.MIN_SECRET_BYTES
                            + "): restore it from a backup; deleting it changes every persistent NameID");
                }
                return secret;
            }
            byte[] secret = new byte[NameIdGenerator.MIN_SECRET_BYTES];
            random.nextBytes(secret);
            SecureFiles.createPrivateDirectories(file.getParent());
            // Two nodes starting at once on one data directory: one creates it, the other reads that one.
            return SecureFiles.createAtomicallyIfAbsent(file, secret) ? secret : loadOrCreate(dataDir, random);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the NameID secret " + file + ": " + e.getMessage(),
                    e);
        }
    }
}
