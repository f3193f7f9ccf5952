package dev.stsbridge.verifier.cognito;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.verifier.state.AtomicFile;
import dev.stsbridge.verifier.webidentity.WebIdentityProvider;

/**
 * Cognito's built-in OpenID issuer, {@value #ISSUER}: RS256 tokens ({@code aud} = the identity pool ID, {@code sub} =
 * the identity ID, {@code amr} = ["authenticated", provider, ...] or ["unauthenticated"], valid
 * {@value #TOKEN_MINUTES} minutes) signed with a key the verifier generates on first start and keeps in
 * {@code <data-dir>/verifier/cognito-signing-key.json} (mode 0600; never in git). As a {@link WebIdentityProvider.Lookup}
 * it makes STS accept these tokens for {@code Federated: cognito-identity.amazonaws.com}, keys being its own.
 */
public final class CognitoIssuer implements WebIdentityProvider.Lookup {
    public static final String ISSUER = "https://cognito-identity.amazonaws.com";
    public static final String PRINCIPAL = "cognito-identity.amazonaws.com";
    static final int TOKEN_MINUTES = 10;

    private final RSAKey key;
    private final IdentityPools pools;
    private final Clock clock;

    private CognitoIssuer(RSAKey key, IdentityPools pools, Clock clock) {
        this.key = key;
        this.pools = pools;
        this.clock = clock;
    }

    /** The issuer with the key in the data directory, generated (RSA 2048) if there is none yet. */
    public static CognitoIssuer open(Path dataDir, IdentityPools pools, Clock clock) {
        Path path = dataDir.resolve("verifier").resolve("cognito-signing-key.json");
        try {
            if (Files.exists(path)) {
                return new CognitoIssuer(RSAKey.parse(Files.readString(path, StandardCharsets.UTF_8)), pools, clock);
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            AtomicFile.write(path, out -> out.write(key.toJSONString().getBytes(StandardCharsets.UTF_8)));
            return new CognitoIssuer(key, pools, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Cognito signing key in " + path, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the Cognito signing key " + path + " is unusable: " + e.getMessage(), e);
        }
    }

    /** An OpenID token for an identity of a pool. */
    String token(String poolId, String identityId, List<String> amr) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(poolId).subject(identityId)
                .claim("amr", amr).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(
                        Duration.ofMinutes(TOKEN_MINUTES)))).jwtID(UUID.randomUUID().toString()).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a Cognito token failed", e);
        }
    }

    @Override
    public Optional<WebIdentityProvider> find(String accountId, String issuer) {
        if (!ISSUER.equals(issuer)) {
            return Optional.empty();
        }
        JWKSet keys = new JWKSet(key.toPublicJWK());
        return Optional.of(new WebIdentityProvider(PRINCIPAL, ISSUER, PRINCIPAL, pools::exists, refresh -> keys,
                Optional.empty()));
    }
}
