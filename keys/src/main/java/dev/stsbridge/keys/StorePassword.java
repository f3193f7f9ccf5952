package dev.stsbridge.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The key store password: the environment variable {@value #VARIABLE} when it is set, else the password kept in
 * {@value #FILE_NAME} beside the store, generated once (256 random bits, URL-safe base64) with mode 0600.
 */
final class StorePassword {

    static final String VARIABLE = "STSBRIDGE_KEYSTORE_PASSWORD";
    static final String FILE_NAME = "keystore.password";

    private static final int RANDOM_BYTES = 32;

    private final Map<String, String> environment;
    private final Path file;
    private final SecureRandom random;

    StorePassword(Map<String, String> environment, Path keysDirectory, SecureRandom random) {
        this.environment = Map.copyOf(environment);
        this.file = keysDirectory.resolve(FILE_NAME);
        this.random = Objects.requireNonNull(random, "random");
    }

    Path file() {
        return file;
    }

    /** Where the password comes from, for messages: never the password itself. */
    String source() {
        return environment.containsKey(VARIABLE) ? "the environment variable " + VARIABLE : "the file " + file;
    }

    /** The password of an existing store. */
    char[] forExistingStore(Path store) {
        return fromEnvironment().or(this::fromFile).orElseThrow(() -> new KeyRingException(
                KeyRingException.Reason.NO_PASSWORD, "the key store " + store + " exists but its password is missing: set "
                + VARIABLE + " or restore " + file));
    }

    /** The password for writing a store: the existing one, or a new one kept in the password file. */
    char[] forNewStore() {
        return fromEnvironment().or(this::fromFile).orElseGet(this::generate);
    }

    private Optional<char[]> fromEnvironment() {
        String value = environment.get(VARIABLE);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new KeyRingException(KeyRingException.Reason.NO_PASSWORD, VARIABLE + " is set but empty");
        }
        return Optional.of(value.toCharArray());
    }

    private Optional<char[]> fromFile() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new KeyRingException(KeyRingException.Reason.NO_PASSWORD, "the password file " + file + " is empty");
            }
            return Optional.of(text.toCharArray());
        } catch (IOException e) {
            throw new KeyRingException(KeyRingException.Reason.IO,
                    "cannot read the password file " + file + ": " + IoMessages.describe(e), e);
        }
    }

    private char[] generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            SecureFiles.writeAtomically(file, (password + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new KeyRingException(KeyRingException.Reason.IO,
                    "cannot write the password file " + file + ": " + IoMessages.describe(e), e);
        }
        return password.toCharArray();
    }
}
