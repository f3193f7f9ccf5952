package dev.stsbridge.verifier.webidentity;

import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.ROLE;
import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.assertRefused;
import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.assume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * One hostile token per rule, each refused with AWS's code and message (or ours, verifier/README.md), through the
 * real SDK. Providers whose serving a test changes are separate {@link TestIdp}s, so that cached keys do not mask
 * the attack.
 */
class HostileWebIdentityTokenTest {

    private static final String INVALID = "InvalidIdentityToken";

    private static Verifier verifier;
    private static TestIdp idp;
    private static TestIdp attacker;
    private static StsClient sts;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.systemUTC());
        idp = TestIdp.start();
        attacker = TestIdp.start();
        sts = WebIdentityFixture.anonymousSts(verifier);
        try (IamClient iam = verifier.prodIam()) {
            String arn = WebIdentityFixture.register(iam, idp);
            iam.createRole(r -> r.roleName("WebApp")
                    .assumeRolePolicyDocument(WebIdentityFixture.trust(arn, idp.host(), true)));
        }
    }

    @AfterAll
    static void stop() {
        sts.close();
        attacker.close();
        idp.close();
        verifier.close();
    }

    private static void assertInvalid(String token, String message) {
        assertRefused(() -> assume(sts, ROLE, token), 400, INVALID, message);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void algNoneIsRefused() {
        String payload = idp.token().split("\\.")[1];
        assertInvalid(b64("{\"alg\":\"none\"}") + "." + payload + ".",
                "Unsecured tokens (alg none) are not accepted.");
    }

    @Test
    void hs256SignedWithThePublicKeyBytesIsRefused() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
                idp.claims().build());
        jwt.sign(new MACSigner(idp.signingKey().toRSAPublicKey().getEncoded()));
        assertInvalid(jwt.serialize(), "The token signing algorithm HS256 is not accepted: "
                + "use RS256, RS384, RS512, PS256, PS384, PS512, ES256 or ES384.");
    }

    @Test
    void anUnknownKidIsCouldNotRetrieveVerificationKey() {
        String token = TestIdp.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nope").build(),
                idp.claims().build(), idp.signingKey());
        assertInvalid(token, WebIdentityErrors.NO_VERIFICATION_KEY);
    }

    @Test
    void theKidOfAKeyFromAnotherIssuerIsCouldNotRetrieveVerificationKey() throws JOSEException {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID("attacker-key").generate();
        attacker.jwks(List.of(foreign.toPublicJWK()));
        String token = TestIdp.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key").build(),
                idp.claims().build(), foreign);
        assertInvalid(token, WebIdentityErrors.NO_VERIFICATION_KEY);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws JOSEException {
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        String token = TestIdp.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                idp.claims().build(), other);
        assertInvalid(token, VerifiedToken.SIGNATURE_INVALID);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = idp.token().split("\\.");
        String forged = idp.token(c -> c.subject("admin")).split("\\.")[1];
        assertInvalid(parts[0] + "." + forged + "." + parts[2], VerifiedToken.SIGNATURE_INVALID);
    }

    @Test
    void anExpiredTokenIsExpiredTokenExceptionWithBothTimes() {
        Instant exp = Instant.now().minusSeconds(3600);
        String token = idp.token(c -> c.expirationTime(Date.from(exp)).issueTime(Date.from(exp.minusSeconds(60))));
        assertThatThrownBy(() -> assume(sts, ROLE, token)).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).matches("Token expired: current date/time \\d{10} must be "
                    + "before the expiration date/time " + exp.getEpochSecond());
        });
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        long nbf = Instant.now().plusSeconds(3600).getEpochSecond();
        assertThatThrownBy(() -> assume(sts, ROLE, idp.token(c -> c.notBeforeTime(new Date(nbf * 1000)))))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(INVALID);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("The token is not valid before " + nbf + " (nbf)");
                });
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        long iat = Instant.now().plusSeconds(3600).getEpochSecond();
        assertThatThrownBy(() -> assume(sts, ROLE, idp.token(c -> c.issueTime(new Date(iat * 1000)))))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(INVALID);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("The token was issued in the future: iat " + iat);
                });
    }

    @Test
    void anIssuerWithoutAProviderIsRefused() {
        assertInvalid(idp.token(c -> c.issuer("https://127.0.0.1:1")),
                "No OpenIDConnect provider found in your account for https://127.0.0.1:1");
    }

    @Test
    void anIssuerWithATrailingSlashIsAnotherIssuer() {
        assertInvalid(idp.token(c -> c.issuer(idp.issuer() + "/")),
                "No OpenIDConnect provider found in your account for " + idp.issuer() + "/");
    }

    @Test
    void anHttpIssuerHasNoProvider() {
        String http = "http://" + idp.host();
        assertInvalid(idp.token(c -> c.issuer(http)), "No OpenIDConnect provider found in your account for " + http);
    }

    @Test
    void anAudienceThatIsNoClientIdIsIncorrectTokenAudience() {
        assertInvalid(idp.token(c -> c.audience("someone-else")), "Incorrect token audience");
    }

    @Test
    void jkuAndX5uHeadersAreIgnoredAndNeverFetched() throws JOSEException {
        RSAKey forged = new RSAKeyGenerator(2048).keyID("k1").generate();
        attacker.jwks(List.of(forged.toPublicJWK()));
        int before = attacker.jwksFetches();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .jwkURL(URI.create(attacker.issuer() + "/jwks.json"))
                .x509CertURL(URI.create(attacker.issuer() + "/cert.pem")).jwk(forged.toPublicJWK()).build();
        assertInvalid(TestIdp.sign(header, idp.claims().build(), forged), VerifiedToken.SIGNATURE_INVALID);
        assertThat(attacker.jwksFetches()).isEqualTo(before);
    }

    @Test
    void aCritHeaderIsRefused() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .customParam("exp-policy", "x").criticalParams(java.util.Set.of("exp-policy")).build();
        assertInvalid(TestIdp.sign(header, idp.claims().build(), idp.signingKey()),
                "The token header has critical extensions (crit), which are not supported.");
    }

    @Test
    void anEncryptedTokenIsRefused() throws JOSEException {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                new Payload(idp.token()));
        jwe.encrypt(new RSAEncrypter(idp.signingKey().toRSAPublicKey()));
        assertInvalid(jwe.serialize(), "Encrypted tokens (JWE) are not accepted: send the signed ID token.");
    }

    @Test
    void aTokenOverTheModelsLimitIsAValidationErrorAndTheParserCapsItToo() {
        String huge = idp.token(c -> c.claim("padding", "x".repeat(ParsedToken.MAX_LENGTH)));
        assertThatThrownBy(() -> assume(sts, ROLE, huge)).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> ParsedToken.parse(huge)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.error().code()).isEqualTo(INVALID);
            assertThat(e.error().message()).isEqualTo("The token is longer than 20000 characters.");
        });
    }

    @Test
    void somethingThatIsNotAJwtIsRefusedWithAwsMessage() {
        assertInvalid("an-opaque-access-token", WebIdentityErrors.NOT_A_JWT);
    }

    @Test
    void aProviderWhoseServerCertificateMatchesNoThumbprintIsRefused() {
        try (TestIdp other = TestIdp.start(); IamClient iam = verifier.prodIam()) {
            String arn = iam.createOpenIDConnectProvider(r -> r.url(other.issuer()).clientIDList(TestIdp.CLIENT_ID)
                    .thumbprintList("0".repeat(40))).openIDConnectProviderArn();
            iam.createRole(r -> r.roleName("Pinned").assumeRolePolicyDocument(
                    WebIdentityFixture.trust(arn, other.host(), false)));
            assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/Pinned", other.token()), 400, INVALID,
                    "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint");
            assertThat(other.jwksFetches()).isZero();
        }
    }

    @Test
    void anHttpJwksUriIsIdpCommunicationError() {
        try (TestIdp other = TestIdp.start(); IamClient iam = verifier.prodIam()) {
            other.jwksUri("http://" + other.host() + "/jwks.json");
            String arn = WebIdentityFixture.register(iam, other);
            iam.createRole(r -> r.roleName("HttpKeys").assumeRolePolicyDocument(
                    WebIdentityFixture.trust(arn, other.host(), false)));
            assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/HttpKeys", other.token()), 400,
                    "IDPCommunicationError", WebIdentityErrors.IDP_UNREACHABLE + " http://" + other.host()
                            + "/jwks.json is not an https URL: keys are fetched over HTTPS only.");
        }
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        try (TestIdp other = TestIdp.start(); IamClient iam = verifier.prodIam()) {
            other.discoveredIssuer("https://127.0.0.1:1");
            String arn = WebIdentityFixture.register(iam, other);
            iam.createRole(r -> r.roleName("OtherIssuer").assumeRolePolicyDocument(
                    WebIdentityFixture.trust(arn, other.host(), false)));
            assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/OtherIssuer", other.token()), 400,
                    INVALID, WebIdentityErrors.NO_VERIFICATION_KEY);
        }
    }

    @Test
    void aNonLoopbackIssuerIsNeverContacted() throws JOSEException {
        String issuer = "https://idp.example.com";
        try (IamClient iam = verifier.prodIam()) {
            String arn = iam.createOpenIDConnectProvider(r -> r.url(issuer).clientIDList(TestIdp.CLIENT_ID)
                    .thumbprintList("1".repeat(40))).openIDConnectProviderArn();
            iam.createRole(r -> r.roleName("Remote").assumeRolePolicyDocument(
                    WebIdentityFixture.trust(arn, "idp.example.com", false)));
        }
        String token = TestIdp.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                idp.claims().issuer(issuer).build(), idp.signingKey());
        assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/Remote", token), 400, "IDPCommunicationError",
                WebIdentityErrors.IDP_UNREACHABLE + " " + issuer + "/.well-known/openid-configuration is not on a "
                        + "loopback host: this verifier fetches keys only from 127.0.0.1, ::1 or localhost.");
    }

    @Test
    void aProviderRegisteredOnlyInAnotherAccountIsNotFound() {
        try (TestIdp other = TestIdp.start(); IamClient dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET);
             IamClient prod = verifier.prodIam()) {
            String devArn = WebIdentityFixture.register(dev, other);
            String prodArn = devArn.replace(Verifier.DEV, Verifier.PROD);
            prod.createRole(r -> r.roleName("CrossAccount").assumeRolePolicyDocument(
                    WebIdentityFixture.trust(prodArn, other.host(), false)));
            assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/CrossAccount", other.token()), 400,
                    INVALID, "No OpenIDConnect provider found in your account for " + other.issuer());
        }
    }
}
