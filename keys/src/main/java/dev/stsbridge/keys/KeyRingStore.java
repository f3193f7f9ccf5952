package dev.stsbridge.keys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PKCS12Attribute;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The key ring on disk: one PKCS#12 key store, {@code <data-dir>/keys/idp-signing.p12} (mode 0600, in a 0700
 * directory), with the entries {@code current}, {@code next} (if any) and {@code retired-<key id>}. Each entry
 * carries the key's id in a bag attribute ({@link #KEY_ID_ATTRIBUTE}), because PKCS#12 aliases are
 * case-insensitive; the key type is read back from the key itself.
 *
 * <p>The password is {@code STSBRIDGE_KEYSTORE_PASSWORD} if set, else the one generated into
 * {@code keys/keystore.password} (0600) when the store is first written. Every failure is a
 * {@link KeyRingException} with a one-line message; writes are atomic ({@link SecureFiles}), so a failed write
 * leaves the previous store as it was.
 */
public final class KeyRingStore {

    public static final String KEYS_DIRECTORY = "keys";
    public static final String STORE_FILE = "idp-signing.p12";
    /** The OpenID Connect provider's ring (ID-token signing keys, RS256), separate from the SAML ring. */
    public static final String OIDC_STORE_FILE = "oidc-signing.p12";
    public static final String PASSWORD_VARIABLE = StorePassword.VARIABLE;
    public static final String PASSWORD_FILE = StorePassword.FILE_NAME;

    /** Bag attribute holding the key id: an OID under the UUID arc 2.25 (ITU-T X.667), minted for stsbridge. */
    static final String KEY_ID_ATTRIBUTE = "2.25.279464600120984989233059319750504769901";

    private static final String CURRENT = "current";
    private static final String NEXT = "next";
    private static final String RETIRED_PREFIX = "retired-";

    private final Path keysDirectory;
    private final Path storeFile;
    private final StorePassword password;

    /**
     * @param dataDirectory the data directory ({@code ./data} by default)
     * @param environment where {@code STSBRIDGE_KEYSTORE_PASSWORD} is looked up ({@code System.getenv()} in
     *     production; tests pass their own map)
     */
    public KeyRingStore(Path dataDirectory, Map<String, String> environment) {
        this(dataDirectory, environment, STORE_FILE);
    }

    /**
     * The ring in {@code keys/<storeFileName>} of the data directory ({@link #STORE_FILE} for SAML,
     * {@link #OIDC_STORE_FILE} for OpenID Connect); all rings share the password and the update lock.
     */
    public KeyRingStore(Path dataDirectory, Map<String, String> environment, String storeFileName) {
        if (!storeFileName.matches("[a-z0-9-]+\\.p12")) {
            throw new IllegalArgumentException("a key store file name is lower-case letters, digits and dashes "
                    + "ending in .p12, was " + storeFileName);
        }
        this.keysDirectory = dataDirectory.resolve(KEYS_DIRECTORY);
        this.storeFile = keysDirectory.resolve(storeFileName);
        this.password = new StorePassword(environment, keysDirectory, new SecureRandom());
    }

    /** The store in {@code dataDirectory}, with the password from the process environment. */
    public static KeyRingStore inDataDirectory(Path dataDirectory) {
        return new KeyRingStore(dataDirectory, System.getenv());
    }

    public Path storeFile() {
        return storeFile;
    }

    public Path passwordFile() {
        return password.file();
    }

    /** Where the password comes from (the variable or the file), for messages. */
    public String passwordSource() {
        return password.source();
    }

    public boolean exists() {
        return Files.exists(storeFile);
    }

    /** Reads the key ring. */
    public KeyRing load() {
        if (!exists()) {
            throw new KeyRingException(KeyRingException.Reason.MISSING,
                    "no key store at " + storeFile + ": run `stsbridge keys generate`");
        }
        char[] secret = password.forExistingStore(storeFile);
        KeyStore store = open(read(), secret);
        return ring(store, secret);
    }

    /**
     * Runs {@code operation} holding the key ring's update lock ({@link KeyRingLock}), waiting while another
     * process or thread holds it: for a read-change-{@link #save}. Creates the keys directory (0700) if needed.
     */
    <T> T whileLocked(Supplier<T> operation) {
        try {
            SecureFiles.createPrivateDirectories(keysDirectory);
        } catch (IOException e) {
            throw unwritable(e);
        }
        KeyRingLock lock;
        try {
            lock = KeyRingLock.acquire(keysDirectory);
        } catch (IOException e) {
            throw new KeyRingException(KeyRingException.Reason.IO, "cannot lock the key store " + storeFile + " ("
                    + keysDirectory.resolve(KeyRingLock.FILE_NAME) + "): " + IoMessages.describe(e), e);
        }
        try (lock) {
            return operation.get();
        }
    }

    /** Writes the key ring atomically, replacing any previous one. */
    public void save(KeyRing ring) {
        requireDistinctIds(ring);
        try {
            SecureFiles.createPrivateDirectories(keysDirectory);
        } catch (IOException e) {
            throw unwritable(e);
        }
        char[] secret = password.forNewStore();
        byte[] encoded = encode(ring, secret);
        try {
            SecureFiles.writeAtomically(storeFile, encoded);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(storeFile);
        } catch (IOException e) {
            throw new KeyRingException(KeyRingException.Reason.IO,
                    "cannot read the key store " + storeFile + ": " + IoMessages.describe(e), e);
        }
    }

    private KeyStore open(byte[] bytes, char[] secret) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), secret);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyRingException(KeyRingException.Reason.WRONG_PASSWORD,
                        "wrong password for the key store " + storeFile + " (password from " + passwordSource() + ")", e);
            }
            throw corrupt("it is truncated or damaged (not a readable PKCS#12 file)", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw corrupt("it is truncated or damaged (not a readable PKCS#12 file)", e);
        }
    }

    private KeyRing ring(KeyStore store, char[] secret) {
        try {
            SigningKey current = entry(store, CURRENT, secret)
                    .orElseThrow(() -> corrupt("it has no '" + CURRENT + "' key", null));
            Optional<SigningKey> next = entry(store, NEXT, secret);
            List<SigningKey> retired = new ArrayList<>();
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (alias.startsWith(RETIRED_PREFIX)) {
                    entry(store, alias, secret).ifPresent(retired::add);
                }
            }
            retired.sort(Comparator.comparing((SigningKey k) -> k.certificate().getNotBefore()).thenComparing(SigningKey::id));
            return new KeyRing(current, next, retired);
        } catch (GeneralSecurityException e) {
            throw corrupt("its entries cannot be read: " + e.getMessage(), e);
        }
    }

    private Optional<SigningKey> entry(KeyStore store, String alias, char[] secret) throws GeneralSecurityException {
        if (!store.containsAlias(alias)) {
            return Optional.empty();
        }
        KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(secret));
        if (!(entry instanceof KeyStore.PrivateKeyEntry keyEntry)
                || !(keyEntry.getCertificate() instanceof X509Certificate certificate)) {
            throw corrupt("the entry '" + alias + "' is not a private key with an X.509 certificate", null);
        }
        String id = keyEntry.getAttributes().stream()
                .filter(a -> a.getName().equals(KEY_ID_ATTRIBUTE))
                .map(KeyStore.Entry.Attribute::getValue)
                .findFirst().orElse(alias);
        KeyAlgorithm algorithm = KeyAlgorithms.of(certificate.getPublicKey()).orElseThrow(() -> corrupt(
                "the key '" + alias + "' is of an unsupported type (" + KeyAlgorithms.describe(certificate.getPublicKey()) + ")", null));
        return Optional.of(new SigningKey(id, algorithm, keyEntry.getPrivateKey(), certificate));
    }

    private byte[] encode(KeyRing ring, char[] secret) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            put(store, CURRENT, ring.current(), secret);
            if (ring.next().isPresent()) {
                put(store, NEXT, ring.next().get(), secret);
            }
            for (SigningKey key : ring.retired()) {
                put(store, RETIRED_PREFIX + key.id().toLowerCase(Locale.ROOT), key, secret);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, secret);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the key store: " + e.getMessage(), e);
        }
    }

    private static void put(KeyStore store, String alias, SigningKey key, char[] secret) throws GeneralSecurityException {
        Set<KeyStore.Entry.Attribute> attributes = Set.of(new PKCS12Attribute(KEY_ID_ATTRIBUTE, key.id()));
        KeyStore.PrivateKeyEntry entry = new KeyStore.PrivateKeyEntry(key.privateKey(),
                new Certificate[] {key.certificate()}, attributes);
        store.setEntry(alias, entry, new KeyStore.PasswordProtection(secret));
    }

    private static void requireDistinctIds(KeyRing ring) {
        Set<String> ids = new HashSet<>();
        List<SigningKey> all = new ArrayList<>(ring.published());
        all.addAll(ring.retired());
        for (SigningKey key : all) {
            if (!ids.add(key.id().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two keys in the ring have the id " + key.id());
            }
        }
    }

    private KeyRingException corrupt(String what, Exception cause) {
        return new KeyRingException(KeyRingException.Reason.CORRUPT,
                "cannot read the key store " + storeFile + ": " + what, cause);
    }

    private KeyRingException unwritable(IOException e) {
        return new KeyRingException(KeyRingException.Reason.IO,
                "cannot write the key store " + storeFile + ": " + IoMessages.describe(e), e);
    }
}
