package dev.stsbridge.verifier.webidentity;

import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Step "parse": a compact JWS (three base64url parts) whose header names an allowed asymmetric algorithm and no
 * {@code crit} extension, with a JSON payload carrying {@code iss}. Nothing in it is trusted yet: the issuer only says
 * where to look for the provider and its keys. {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} header members
 * are never read (keys come only from the provider's JWKS). Refusals: unsecured ({@code alg: none}), HMAC and any
 * other algorithm, JWE (five parts), {@code crit}, over {@value #MAX_LENGTH} characters, not a JWT at all.
 */
public final class ParsedToken {
    /** AWS's model caps WebIdentityToken at 20,000 characters. */
    public static final int MAX_LENGTH = 20_000;
    /** RSA PKCS#1 v1.5 and PSS, ECDSA P-256 and P-384: the asymmetric algorithms OpenID providers sign ID tokens with. */
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    private final SignedJWT jws;
    private final String issuer;

    private ParsedToken(SignedJWT jws, String issuer) {
        this.jws = jws;
        this.issuer = issuer;
    }

    /** @throws dev.stsbridge.verifier.AwsException {@code InvalidIdentityToken} naming what is wrong */
    public static ParsedToken parse(String token) {
        if (token.length() > MAX_LENGTH) {
            throw WebIdentityErrors.invalid("The token is longer than " + MAX_LENGTH + " characters.");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw WebIdentityErrors.invalid("Encrypted tokens (JWE) are not accepted: send the signed ID token.");
        }
        if (parts.length != 3) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.NOT_A_JWT);
        }
        JWSHeader header = header(parts[0]);
        try {
            SignedJWT jws = SignedJWT.parse(token);
            JWTClaimsSet claims = jws.getJWTClaimsSet();
            String issuer = claims.getIssuer();
            if (issuer == null || issuer.isEmpty()) {
                throw WebIdentityErrors.invalid("The token has no iss claim.");
            }
            return new ParsedToken(jws, issuer);
        } catch (ParseException e) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.NOT_A_JWT);
        }
    }

    private static JWSHeader header(String encoded) {
        Header header;
        try {
            header = Header.parse(new Base64URL(encoded));
        } catch (ParseException e) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.NOT_A_JWT);
        }
        if (header instanceof PlainHeader) {
            throw WebIdentityErrors.invalid("Unsecured tokens (alg none) are not accepted.");
        }
        if (header instanceof JWEHeader) {
            throw WebIdentityErrors.invalid("Encrypted tokens (JWE) are not accepted: send the signed ID token.");
        }
        JWSHeader jwsHeader = (JWSHeader) header;
        if (!ALLOWED.contains(jwsHeader.getAlgorithm())) {
            throw WebIdentityErrors.invalid("The token signing algorithm " + jwsHeader.getAlgorithm()
                    + " is not accepted: use RS256, RS384, RS512, PS256, PS384, PS512, ES256 or ES384.");
        }
        if (jwsHeader.getCriticalParams() != null || jwsHeader.getIncludedParams().contains("crit")) {
            throw WebIdentityErrors.invalid("The token header has critical extensions (crit), which are not supported.");
        }
        return jwsHeader;
    }

    /** The unverified {@code iss}: where to look for the provider, nothing more. */
    public String issuer() {
        return issuer;
    }

    /** The header's {@code kid}, if any. */
    public Optional<String> keyId() {
        return Optional.ofNullable(jws.getHeader().getKeyID());
    }

    public JWSAlgorithm algorithm() {
        return jws.getHeader().getAlgorithm();
    }

    SignedJWT jws() {
        return jws;
    }
}
