package dev.stsbridge.idp.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Chooses the JCA provider for signatures (and the digests and MACs of a sign-in): Amazon Corretto Crypto Provider (ACCP, AWS-LC through JNI), which signs
 * RSA as fast as {@code openssl speed}, where its native library loads and passes its self-tests; otherwise the
 * JDK's own providers. The choice is made once per process and logged once at INFO.
 *
 * <p>The provider is passed per call ({@code Signature.getInstance(algorithm, provider)}); it is never installed with
 * {@code Security.addProvider}, so nothing else in the process (TLS, Santuario, OpenSAML) changes behaviour.
 *
 * <p>Keys must be prepared once with {@link #prepare(PrivateKey, String)}: ACCP converts a JDK key to its native form
 * (and checks it) on every {@code initSign}, which halves the signing rate; a prepared key is converted once.
 */
public final class CryptoProviders {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);

    private static final Optional<Provider> NATIVE = chooseNative(CryptoProviders::loadAccp);

    private CryptoProviders() {
    }

    /** The provider that computes {@code SHA256withRSA}: ACCP where it loaded, else the JDK's. */
    public static Provider signatureProvider() {
        return signatureProvider("SHA256withRSA");
    }

    /**
     * The provider for a JCA signature algorithm: ACCP where it loaded and offers the algorithm, else the first JDK
     * provider that does.
     *
     * @throws IllegalStateException if no provider offers the algorithm
     */
    public static Provider signatureProvider(String jcaAlgorithm) {
        Objects.requireNonNull(jcaAlgorithm, "jcaAlgorithm");
        return providerFor(NATIVE, jcaAlgorithm);
    }

    /**
     * A fresh {@link MessageDigest} for the algorithm: ACCP's (native, with the CPU's SHA instructions) where it loaded
     * and offers it, else the JDK's. A sign-in digests the whole assertion; the JDK's SHA-256 runs as Java code unless
     * the optimising compiler has made it an intrinsic, which the wrapper's quick-start JVM never does.
     */
    public static MessageDigest newDigest(String jcaAlgorithm) {
        Objects.requireNonNull(jcaAlgorithm, "jcaAlgorithm");
        try {
            if (NATIVE.isPresent() && NATIVE.get().getService("MessageDigest", jcaAlgorithm) != null) {
                return MessageDigest.getInstance(jcaAlgorithm, NATIVE.get());
            }
            return MessageDigest.getInstance(jcaAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no provider for " + jcaAlgorithm + ": " + e.getMessage(), e);
        }
    }

    /** A fresh {@link Mac} for the algorithm, from ACCP where it loaded and offers it, else from the JDK. */
    public static Mac newMac(String jcaAlgorithm) {
        Objects.requireNonNull(jcaAlgorithm, "jcaAlgorithm");
        try {
            if (NATIVE.isPresent() && NATIVE.get().getService("Mac", jcaAlgorithm) != null) {
                return Mac.getInstance(jcaAlgorithm, NATIVE.get());
            }
            return Mac.getInstance(jcaAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no provider for " + jcaAlgorithm + ": " + e.getMessage(), e);
        }
    }

    /** Whether signatures are computed natively (ACCP) in this process. */
    public static boolean nativeSignatures() {
        return NATIVE.isPresent();
    }

    /** A fresh {@link Signature} for the algorithm from {@link #signatureProvider(String)}. */
    public static Signature newSignature(String jcaAlgorithm) {
        try {
            return Signature.getInstance(jcaAlgorithm, signatureProvider(jcaAlgorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no provider for " + jcaAlgorithm + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key in the form the signature provider of {@code jcaAlgorithm} uses natively (converted once), or the key
     * itself when that provider is the JDK's.
     *
     * @throws IllegalArgumentException if the provider cannot use the key
     */
    public static PrivateKey prepare(PrivateKey key, String jcaAlgorithm) {
        Provider provider = signatureProvider(jcaAlgorithm);
        if (NATIVE.isEmpty() || provider != NATIVE.get()) {
            return key;
        }
        try {
            return (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " signing key cannot be used by "
                    + provider.getName() + ": " + e.getMessage(), e);
        }
    }

    /** One line naming the signature provider in use, for logs and benchmark output. */
    public static String describe() {
        Provider provider = signatureProvider();
        return provider.getName() + " " + provider.getVersionStr()
                + (NATIVE.isPresent() ? " (native)" : " (JDK; Amazon Corretto Crypto Provider unavailable)");
    }

    /**
     * The native provider if {@code loader} yields a healthy one; logs the outcome once. Package-private so that the
     * fallback can be tested with a provider that failed to load.
     */
    static Optional<Provider> chooseNative(NativeLoader loader) {
        try {
            Provider provider = loader.load();
            LOG.info("Signatures use {} {} (native AWS-LC)", provider.getName(), provider.getVersionStr());
            return Optional.of(provider);
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Signatures use the JDK's providers: Amazon Corretto Crypto Provider unavailable ({})",
                    e.getMessage());
            return Optional.empty();
        }
    }

    static Provider providerFor(Optional<Provider> preferred, String jcaAlgorithm) {
        if (preferred.isPresent() && preferred.get().getService("Signature", jcaAlgorithm) != null) {
            return preferred.get();
        }
        try {
            return Signature.getInstance(jcaAlgorithm).getProvider();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no JCA provider offers " + jcaAlgorithm, e);
        }
    }

    private static Provider loadAccp() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loadingError = accp.getLoadingError();
        if (loadingError != null) {
            throw new IllegalStateException("native library did not load: " + loadingError.getMessage(), loadingError);
        }
        accp.assertHealthy();
        return accp;
    }

    /** Loads the native provider, or throws saying why it is unavailable. */
    @FunctionalInterface
    interface NativeLoader {
        Provider load();
    }
}
