package dev.stsbridge.idp.mfa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.keys.SecureFiles;

/**
 * Enrollments as files: {@code <data-dir>/mfa/<sha256(lower-case username)>.enc}, each the person's factors as
 * JSON sealed by {@link EnrollmentCipher} (mode 0600, written atomically). One node only: updates are serialised
 * per person inside this JVM.
 */
public final class FileEnrollmentStore implements EnrollmentStore {

    private final Path directory;
    private final EnrollmentCipher cipher;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public FileEnrollmentStore(Path dataDir, EnrollmentCipher cipher) {
        this.directory = dataDir.resolve("mfa");
        this.cipher = cipher;
    }

    @Override
    public Enrollment find(String username) {
        String name = fileName(username);
        Path file = directory.resolve(name);
        if (!Files.exists(file)) {
            return Enrollment.none(username);
        }
        try {
            Stored stored = json.readValue(cipher.decrypt(Files.readAllBytes(file), name), Stored.class);
            return stored.enrollment(username);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("cannot read the MFA enrollment " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Enrollment update(String username, UnaryOperator<Enrollment> change) {
        String name = fileName(username);
        synchronized (locks.computeIfAbsent(name, n -> new Object())) {
            Enrollment changed = change.apply(find(username));
            Path file = directory.resolve(name);
            try {
                SecureFiles.createPrivateDirectories(directory);
                SecureFiles.writeAtomically(file, cipher.encrypt(json.writeValueAsBytes(Stored.of(changed)), name));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the MFA enrollment " + file + ": " + e.getMessage(), e);
            }
            return changed;
        }
    }

    static String fileName(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(username.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".enc";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The JSON form (byte arrays are base64; instants ISO-8601). */
    record Stored(StoredTotp totp, List<StoredPasskey> passkeys, List<StoredCode> recoveryCodes) {
        static Stored of(Enrollment e) {
            return new Stored(e.totp().map(t -> new StoredTotp(t.secret(), t.enrolled().toString(), t.lastUsedStep()))
                    .orElse(null),
                    e.passkeys().stream().map(p -> new StoredPasskey(p.credentialId(), p.attestedCredentialData(),
                            p.signCount(), p.registered().toString())).toList(),
                    e.recoveryCodes().stream().map(c -> new StoredCode(c.salt(), c.hash())).toList());
        }

        Enrollment enrollment(String username) {
            return new Enrollment(username,
                    Optional.ofNullable(totp).map(t -> new TotpFactor(t.secret(), Instant.parse(t.enrolled()),
                            t.lastUsedStep())),
                    passkeys == null ? List.of() : passkeys.stream().map(p -> new PasskeyFactor(p.credentialId(),
                            p.attestedCredentialData(), p.signCount(), Instant.parse(p.registered()))).toList(),
                    recoveryCodes == null ? List.of() : recoveryCodes.stream()
                            .map(c -> new RecoveryCodes.Hashed(c.salt(), c.hash())).toList());
        }
    }

    record StoredTotp(byte[] secret, String enrolled, long lastUsedStep) {
    }

    record StoredPasskey(byte[] credentialId, byte[] attestedCredentialData, long signCount, String registered) {
    }

    record StoredCode(byte[] salt, byte[] hash) {
    }
}
