package dev.stsbridge.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.tests.support.LocalAws;
import dev.stsbridge.tests.support.SamlXml;
import dev.stsbridge.tests.support.TestIdp;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The AWS SDK for Java v2 (a client we did not write) against the verifier, with an assertion from our IdP:
 * CreateSAMLProvider with the IdP's signed metadata -> CreateRole with a SAML trust policy -> AssumeRoleWithSAML ->
 * GetCallerIdentity with the issued credentials. Both run in process on 127.0.0.1.
 *
 * <p>Clocks: the SDK signs with the real time, so the verifier runs on the system clock; the IdP runs on a clock fixed
 * at the start of the class (its assertions are then at most seconds old when redeemed).
 */
class AwsSdkEndToEndTest {

    private static final String ALICE_ADMIN = "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com";

    @TempDir
    static Path work;

    private static TestIdp idp;
    private static LocalAws aws;
    private static String providerArn;
    private static String roleArn;

    @BeforeAll
    static void federate() {
        idp = TestIdp.demo(work.resolve("idp"), Clock.fixed(Instant.now(), ZoneOffset.UTC));
        aws = LocalAws.start(work.resolve("verifier"), Clock.systemUTC());
        try (IamClient iam = aws.prodIam()) {
            providerArn = iam.createSAMLProvider(r -> r.name("stsbridge")
                    .samlMetadataDocument(idp.signedMetadataText())).samlProviderArn();
            roleArn = iam.createRole(r -> r.roleName("Admin")
                    .assumeRolePolicyDocument(LocalAws.samlTrustPolicy(providerArn))).role().arn();
        }
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    /**
     * Where the assertion comes from: alice's response for prod/Admin, signed by the IdP in process. (When the web
     * server lands, this becomes a real HTTP login at the IdP; nothing else in this class changes.)
     */
    private static String aliceSamlResponse() {
        return idp.respond("alice", RoleChoice.one("prod", "Admin")).form().samlResponse();
    }

    private static AssumeRoleWithSamlResponse assumeRoleWithSaml(String samlResponse) {
        try (StsClient sts = aws.anonymousSts()) {
            return sts.assumeRoleWithSAML(r -> r.roleArn(roleArn).principalArn(providerArn).samlAssertion(samlResponse));
        }
    }

    @Test
    void theIamCallsReturnAwsShapedArns() {
        assertThat(providerArn).isEqualTo("arn:aws:iam::111122223333:saml-provider/stsbridge");
        assertThat(roleArn).isEqualTo("arn:aws:iam::111122223333:role/Admin");
    }

    @Test
    void assumeRoleWithSamlThenGetCallerIdentityIsAliceInTheAdminRole() {
        AssumeRoleWithSamlResponse assumed = assumeRoleWithSaml(aliceSamlResponse());

        assertThat(assumed.assumedRoleUser().arn()).isEqualTo(ALICE_ADMIN);
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z0-9]{17}:alice@example\\.com");
        Credentials credentials = assumed.credentials();
        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z0-9]{16}");
        assertThat(credentials.secretAccessKey()).hasSize(40);
        try (StsClient sts = aws.sts(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo(ALICE_ADMIN);
            assertThat(identity.account()).isEqualTo(LocalAws.PROD);
            assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
        }
    }

    @Test
    void theResultCarriesSubjectIssuerAudienceAndTheNameQualifierOfAwsFormula() throws Exception {
        String samlResponse = aliceSamlResponse();
        Document sent = SamlXml.decode(samlResponse);

        AssumeRoleWithSamlResponse assumed = assumeRoleWithSaml(samlResponse);

        assertThat(assumed.subject()).isEqualTo(SamlXml.nameId(sent).getTextContent()).isNotBlank()
                .doesNotContain("alice");
        assertThat(assumed.subjectType()).isEqualTo("persistent");
        assertThat(assumed.issuer()).isEqualTo("http://127.0.0.1:8080/saml2/metadata")
                .isEqualTo(SamlXml.assertionIssuer(sent));
        assertThat(assumed.audience()).isEqualTo(LocalAws.SIGNIN_URL);
        assertThat(assumed.sourceIdentity()).isEqualTo("alice");
        // AWS-SAML.md §4: Base64(SHA1(Issuer + account ID + "/" + provider name)), computed here independently
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(("http://127.0.0.1:8080/saml2/metadata"
                + "111122223333" + "/stsbridge").getBytes(StandardCharsets.UTF_8));
        assertThat(assumed.nameQualifier()).isEqualTo(Base64.getEncoder().encodeToString(sha1)).hasSize(28);
    }

    @Test
    void aTamperedResponseIsRefusedWithInvalidIdentityToken() {
        String tampered = SamlXml.tamperBase64(aliceSamlResponse(), ">alice@example.com<", ">alicf@example.com<");

        StsException refused = catchThrowableOfType(StsException.class, () -> assumeRoleWithSaml(tampered));

        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Response signature invalid");
    }
}
