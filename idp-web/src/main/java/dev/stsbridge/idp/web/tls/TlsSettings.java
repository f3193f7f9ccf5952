package dev.stsbridge.idp.web.tls;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.config.TlsConfig;

/**
 * The HTTPS key material the server uses: a PKCS#12 key store and its password.
 *
 * @param keyStore the PKCS#12 file (one private key entry with its certificate chain)
 * @param password the store's (and key's) password; never logged
 */
public record TlsSettings(Path keyStore, String password) {
    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
    }

    /**
     * From {@code server.tls}: the configured store (password from env or file), or the self-signed one in the data
     * directory, generated on first start for {@code hosts}.
     */
    public static TlsSettings from(TlsConfig tls, Path dataDir, java.util.List<String> hosts,
                                   Map<String, String> environment, java.time.Clock clock) {
        if (tls.selfSigned()) {
            return SelfSignedTls.loadOrCreate(dataDir, hosts, clock);
        }
        SecretRef password = tls.keyStorePassword().orElseThrow();
        return new TlsSettings(tls.keyStore().orElseThrow(),
                new String(password.resolve("server.tls.key-store-password", environment)));
    }

    @Override
    public String toString() {
        return "TlsSettings[" + keyStore + "]";
    }
}
