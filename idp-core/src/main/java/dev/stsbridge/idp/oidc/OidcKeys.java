package dev.stsbridge.idp.oidc;

import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;

/**
 * The OpenID Connect signing keys: their own ring, {@code <data-dir>/keys/oidc-signing.p12} (RSA-2048 for RS256,
 * generated on first start; {@code stsbridge keys rotate|promote --ring oidc}), separate from the SAML ring so that
 * each rotates on its own schedule. The JWKS publishes {@code current} and {@code next} (each with
 * {@code kid} = its RFC 7638 thumbprint, {@code use: sig}, {@code alg: RS256}); only {@code current} signs.
 */
public final class OidcKeys {

    /** The key type of a new OpenID Connect ring. */
    public static final KeyAlgorithm ALGORITHM = KeyAlgorithm.RSA_2048;

    private final RSAKey current;
    private final JWKSet published;
    private final boolean generated;

    OidcKeys(KeyRing ring, boolean generated) {
        this.current = jwk(ring.current(), true);
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        for (SigningKey key : ring.published()) {
            keys.add(jwk(key, false));
        }
        this.published = new JWKSet(keys);
        this.generated = generated;
    }

    /** The keys of this ring (tests; a ring the caller loaded). */
    public static OidcKeys of(KeyRing ring) {
        return new OidcKeys(ring, false);
    }

    /**
     * Opens the ring in the data directory, generating its first key on first start.
     *
     * @param subject the certificate subject's source (the issuer URL); the certificate itself is not published
     */
    public static OidcKeys open(Path dataDir, Map<String, String> environment, Clock clock, String subject) {
        KeyRingService.Opened opened = service(dataDir, environment, clock)
                .loadOrGenerate(new KeySpec(ALGORITHM, subject, SigningKeyGenerator.DEFAULT_VALIDITY));
        return new OidcKeys(opened.ring(), opened.generated());
    }

    /** The service over the OpenID Connect ring (the {@code keys} command's {@code --ring oidc}). */
    public static KeyRingService service(Path dataDir, Map<String, String> environment, Clock clock) {
        return new KeyRingService(store(dataDir, environment), new SigningKeyGenerator(clock));
    }

    public static KeyRingStore store(Path dataDir, Map<String, String> environment) {
        return new KeyRingStore(dataDir, environment, KeyRingStore.OIDC_STORE_FILE);
    }

    /** The signing key (private part included): never published. */
    RSAKey signingKey() {
        return current;
    }

    /** The {@code kid} of the key that signs. */
    public String currentKeyId() {
        return current.getKeyID();
    }

    /** The public JWKS: current, then next if there is one. */
    public JWKSet publicJwks() {
        return published;
    }

    /** Whether this start generated the ring. */
    public boolean generated() {
        return generated;
    }

    private static RSAKey jwk(SigningKey key, boolean withPrivate) {
        if (!(key.certificate().getPublicKey() instanceof RSAPublicKey publicKey)
                || !(key.privateKey() instanceof RSAPrivateKey privateKey)) {
            throw new IllegalStateException("OpenID Connect key " + key.id() + " is " + key.algorithm()
                    + ", but ID tokens are RS256: the OpenID Connect ring needs RSA keys (keys rotate --ring oidc "
                    + "--algorithm rsa-2048)");
        }
        try {
            RSAKey.Builder builder = new RSAKey.Builder(publicKey).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256);
            if (withPrivate) {
                builder.privateKey(privateKey);
            }
            return builder.keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the JWK thumbprint of " + key.id(), e);
        }
    }

    @Override
    public String toString() {
        return "OidcKeys[current " + current.getKeyID() + ", " + published.size() + " published]";
    }
}
