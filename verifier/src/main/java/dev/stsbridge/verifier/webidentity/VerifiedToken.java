package dev.stsbridge.verifier.webidentity;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Step "verify": a token whose signature verified under one of its provider's keys, selected by {@code kid} (every
 * key of the algorithm's type when the token names none), of the algorithm's key type (RSA for RS/PS, EC of the
 * algorithm's curve for ES), for signing, and declaring no other algorithm. Symmetric keys in a JWKS are never used.
 * A key ID the cached set lacks makes one refetch; still none: AWS's "Couldn't retrieve verification key ...". Only
 * {@link #verify} makes one.
 */
public final class VerifiedToken {
    static final String SIGNATURE_INVALID = "The token's signature does not verify under the identity provider's keys.";

    private final WebIdentityProvider provider;
    private final JWTClaimsSet claims;

    private VerifiedToken(WebIdentityProvider provider, JWTClaimsSet claims) {
        this.provider = provider;
        this.claims = claims;
    }

    public static VerifiedToken verify(ParsedToken token, WebIdentityProvider provider) {
        List<JWK> candidates = candidates(token, provider.keys().keys(false));
        if (candidates.isEmpty()) {
            candidates = candidates(token, provider.keys().keys(true));
        }
        if (candidates.isEmpty()) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.NO_VERIFICATION_KEY);
        }
        for (JWK key : candidates) {
            if (verifies(token, key)) {
                try {
                    return new VerifiedToken(provider, token.jws().getJWTClaimsSet());
                } catch (ParseException e) {
                    throw WebIdentityErrors.invalid(WebIdentityErrors.NOT_A_JWT);
                }
            }
        }
        throw WebIdentityErrors.invalid(SIGNATURE_INVALID);
    }

    private static List<JWK> candidates(ParsedToken token, JWKSet keys) {
        Optional<String> kid = token.keyId();
        return keys.getKeys().stream()
                .filter(k -> kid.isEmpty() || kid.get().equals(k.getKeyID()))
                .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .filter(k -> k.getAlgorithm() == null || k.getAlgorithm().equals(token.algorithm()))
                .filter(k -> fits(token, k))
                .toList();
    }

    private static boolean fits(ParsedToken token, JWK key) {
        String alg = token.algorithm().getName();
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return key instanceof RSAKey;
        }
        return key instanceof ECKey ec && ECDSAVerifier.SUPPORTED_ALGORITHMS.contains(token.algorithm())
                && ec.getCurve() != null && ec.getCurve().getStdName() != null
                && com.nimbusds.jose.jwk.Curve.forJWSAlgorithm(token.algorithm()).contains(ec.getCurve());
    }

    private static boolean verifies(ParsedToken token, JWK key) {
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
            return token.jws().verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    public WebIdentityProvider provider() {
        return provider;
    }

    /** The claims, which the signature covers. */
    public JWTClaimsSet claims() {
        return claims;
    }
}
