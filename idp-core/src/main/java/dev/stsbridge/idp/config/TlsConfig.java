package dev.stsbridge.idp.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * HTTPS for the web server ({@code server.tls}): either a PKCS#12 {@code key-store} with its
 * {@code key-store-password} ({@code {env: NAME}} or {@code {file: PATH}}), or {@code self-signed: true}, which
 * generates a key and a self-signed certificate for the base URL's host into {@code <data-dir>/tls/} on first start
 * (for trials and internal use; browsers warn about it).
 */
public record TlsConfig(Optional<Path> keyStore, Optional<SecretRef> keyStorePassword, boolean selfSigned) {

    public TlsConfig {
        keyStore = ConfigChecks.optional(keyStore);
        keyStorePassword = ConfigChecks.optional(keyStorePassword);
        if (selfSigned == keyStore.isPresent()) {
            throw new InvalidConfigValueException("", "set exactly one of key-store (with key-store-password) or "
                    + "self-signed: true");
        }
        if (keyStore.isPresent() && keyStorePassword.isEmpty()) {
            throw new InvalidConfigValueException("key-store-password", "is required with key-store");
        }
    }

    /** A self-signed certificate generated into the data directory. */
    public static TlsConfig generated() {
        return new TlsConfig(Optional.empty(), Optional.empty(), true);
    }

    public static TlsConfig keyStore(Path file, SecretRef password) {
        return new TlsConfig(Optional.of(file), Optional.of(password), false);
    }
}
