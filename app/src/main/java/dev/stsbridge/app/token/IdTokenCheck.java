package dev.stsbridge.app.token;

import java.net.URI;
import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * A relying party's check of an ID token (OpenID Connect Core §3.1.3.7), with Nimbus: RS256 only, signed by a key of
 * the issuer's JWKS, {@code iss} exactly the issuer, {@code aud} containing the client, {@code nonce} the one sent,
 * {@code exp} in the future and {@code sub}, {@code iat} present (Nimbus allows 60 s of clock skew).
 */
final class IdTokenCheck {

    private IdTokenCheck() {
    }

    /** The token's claims, or a {@link TokenFailure} that says which check failed. */
    static JWTClaimsSet check(String idToken, JWKSet jwks, URI issuer, String clientId, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId, new JWTClaimsSet.Builder()
                .issuer(issuer.toString()).claim("nonce", nonce).build(), Set.of("sub", "exp", "iat")));
        try {
            return processor.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new TokenFailure("the ID token from " + issuer + " does not check out: " + e.getMessage(), e);
        }
    }
}
