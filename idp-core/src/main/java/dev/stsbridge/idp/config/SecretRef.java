package dev.stsbridge.idp.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a secret comes from: {@code {env: NAME}} or {@code {file: PATH}}. Secrets are never written inline in
 * the configuration file, so the file can be shared and committed; an inline string is refused.
 */
public record SecretRef(Optional<String> env, Optional<Path> file) {

    private static final Logger LOG = LoggerFactory.getLogger(SecretRef.class);

    public SecretRef {
        env = ConfigChecks.optional(env);
        file = ConfigChecks.optional(file);
        if (env.isPresent() == file.isPresent()) {
            throw new InvalidConfigValueException("", "must name exactly one of env or file, e.g. {env: NAME}");
        }
        if (env.isPresent() && !env.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidConfigValueException("env", "must be an environment variable name, was "
                    + ConfigChecks.quote(env.get()));
        }
    }

    /** Jackson: a plain string here is an inline secret, which is refused. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SecretRef inline(String ignored) {
        throw new InvalidConfigValueException("", "inline secrets are not allowed; write {env: NAME} or {file: PATH}");
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static SecretRef of(@JsonProperty("env") Optional<String> env, @JsonProperty("file") Optional<Path> file) {
        return new SecretRef(env, file);
    }

    public static SecretRef fromEnv(String name) {
        return new SecretRef(Optional.of(name), Optional.empty());
    }

    public static SecretRef fromFile(Path path) {
        return new SecretRef(Optional.empty(), Optional.of(path));
    }

    /**
     * Reads the secret. A file's single trailing newline is dropped.
     *
     * @param what what the secret is for, for the error message (e.g. {@code directory.ldap.bind-password})
     * @param environment the process environment ({@code System.getenv()}; tests pass their own)
     * @throws IllegalStateException naming the variable or file when the secret cannot be read
     */
    public char[] resolve(String what, Map<String, String> environment) {
        if (env.isPresent()) {
            String value = environment.get(env.get());
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException(what + ": environment variable " + env.get() + " is not set");
            }
            return value.toCharArray();
        }
        return readFile(what, file.orElseThrow());
    }

    private static char[] readFile(String what, Path path) {
        byte[] bytes = new byte[0];
        try {
            bytes = Files.readAllBytes(path);
            warnIfShared(path);
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
            }
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            char[] secret = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            if (secret.length == 0) {
                throw new IllegalStateException(what + ": secret file " + path + " is empty");
            }
            return secret;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(what + ": secret file " + path + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot read secret file " + path + ": " + e, e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void warnIfShared(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            LOG.warn("secret file {} is readable by every user of this machine; chmod 600 it", path);
        }
    }
}
