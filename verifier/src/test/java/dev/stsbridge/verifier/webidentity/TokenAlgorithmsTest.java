package dev.stsbridge.verifier.webidentity;

import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.ROLE;
import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.assertRefused;
import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.assume;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The accepted algorithms and key selection: ES256 and PS256 verify; a key's declared alg and use are honoured. */
class TokenAlgorithmsTest {

    private static Verifier verifier;
    private static TestIdp idp;
    private static StsClient sts;
    private static ECKey ec;
    private static RSAKey encryptionOnly;

    @BeforeAll
    static void start() throws JOSEException {
        verifier = Verifier.start(Clock.systemUTC());
        idp = TestIdp.start();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec1").generate();
        encryptionOnly = new RSAKeyGenerator(2048).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        idp.jwks(List.<JWK>of(idp.signingKey().toPublicJWK(), ec.toPublicJWK(), encryptionOnly.toPublicJWK()));
        sts = WebIdentityFixture.anonymousSts(verifier);
        try (IamClient iam = verifier.prodIam()) {
            String arn = WebIdentityFixture.register(iam, idp);
            iam.createRole(r -> r.roleName("WebApp")
                    .assumeRolePolicyDocument(WebIdentityFixture.trust(arn, idp.host(), false)));
        }
    }

    @AfterAll
    static void stop() {
        sts.close();
        idp.close();
        verifier.close();
    }

    @Test
    void anEs256TokenVerifiesWithTheProvidersEcKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec1").build(),
                idp.claims().build());
        jwt.sign(new ECDSASigner(ec));
        assertThat(assume(sts, ROLE, jwt.serialize()).subjectFromWebIdentityToken()).isEqualTo("alice");
    }

    @Test
    void aPs256TokenVerifiesWithTheProvidersRsaKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("k1").build(),
                idp.claims().build());
        jwt.sign(new RSASSASigner(idp.signingKey()));
        assertThat(assume(sts, ROLE, jwt.serialize()).subjectFromWebIdentityToken()).isEqualTo("alice");
    }

    @Test
    void aTokenWithoutKidIsTriedAgainstTheKeysOfItsAlgorithm() {
        String token = TestIdp.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), idp.claims().build(),
                idp.signingKey());
        assertThat(assume(sts, ROLE, token).subjectFromWebIdentityToken()).isEqualTo("alice");
    }

    @Test
    void anEs256HeaderNamingAnRsaKeyFindsNoKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                idp.claims().build());
        jwt.sign(new ECDSASigner(ec));
        assertRefused(() -> assume(sts, ROLE, jwt.serialize()), 400, "InvalidIdentityToken",
                WebIdentityErrors.NO_VERIFICATION_KEY);
    }

    @Test
    void aKeyPublishedForEncryptionIsNotUsedToVerify() {
        String token = TestIdp.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("enc").build(),
                idp.claims().build(), encryptionOnly);
        assertRefused(() -> assume(sts, ROLE, token), 400, "InvalidIdentityToken",
                WebIdentityErrors.NO_VERIFICATION_KEY);
    }
}
