package dev.stsbridge.verifier.webidentity;

import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.ROLE;
import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.assertRefused;
import static dev.stsbridge.verifier.webidentity.WebIdentityFixture.assume;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** AssumeRoleWithWebIdentity through the real AWS SDK for Java v2, with tokens of a real HTTPS OpenID provider. */
class AssumeRoleWithWebIdentitySdkTest {

    private static Verifier verifier;
    private static TestIdp idp;
    private static StsClient sts;
    private static String providerArn;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.systemUTC());
        idp = TestIdp.start();
        sts = WebIdentityFixture.anonymousSts(verifier);
        try (IamClient iam = verifier.prodIam()) {
            providerArn = WebIdentityFixture.register(iam, idp);
            iam.createRole(r -> r.roleName("WebApp").maxSessionDuration(7200)
                    .assumeRolePolicyDocument(WebIdentityFixture.trust(providerArn, idp.host(), true)));
            iam.createRole(r -> r.roleName("NoTags")
                    .assumeRolePolicyDocument(WebIdentityFixture.trust(providerArn, idp.host(), false)));
        }
    }

    @AfterAll
    static void stop() {
        sts.close();
        idp.close();
        verifier.close();
    }

    @Test
    void aGoodTokenGetsCredentialsOfTheAssumedRoleWithTheTokensSubjectProviderAndAudience() {
        AssumeRoleWithWebIdentityResponse response = assume(sts, ROLE, idp.token());

        assertThat(response.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/WebApp/alice-session");
        assertThat(response.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z0-9]{17}:alice-session");
        assertThat(response.subjectFromWebIdentityToken()).isEqualTo("alice");
        assertThat(response.provider()).isEqualTo(idp.issuer());
        assertThat(response.audience()).isEqualTo(TestIdp.CLIENT_ID);
        assertThat(response.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(response.packedPolicySize()).isNull();
    }

    @Test
    void getCallerIdentityWithTheCredentialsIsTheAssumedRole() {
        AssumeRoleWithWebIdentityResponse response = assume(sts, ROLE, idp.token());
        try (StsClient session = verifier.sts(response.credentials().accessKeyId(),
                response.credentials().secretAccessKey(), response.credentials().sessionToken())) {
            GetCallerIdentityResponse me = session.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/WebApp/alice-session");
            assertThat(me.account()).isEqualTo("111122223333");
        }
    }

    @Test
    void theTagsClaimBecomesSessionTagsAndTheSourceIdentityClaimTheSourceIdentity() {
        String token = idp.token(c -> c.claim(ValidatedToken.TAGS_CLAIM, Map.of(
                "principal_tags", Map.of("department", List.of("engineering")),
                "transitive_tag_keys", List.of("department")))
                .claim(ValidatedToken.SOURCE_IDENTITY_CLAIM, "alice"));

        AssumeRoleWithWebIdentityResponse response = assume(sts, ROLE, token);

        assertThat(response.sourceIdentity()).isEqualTo("alice");
        assertThat(response.packedPolicySize()).isPositive();
        String keyId = response.credentials().accessKeyId();
        assertThat(verifier.app.core().credentials().find(keyId).orElseThrow().grant().sessionTags())
                .containsEntry("department", "engineering");
    }

    @Test
    void aTokenWithTagsForARoleWhoseTrustLacksTagSessionIsAccessDenied() {
        String token = idp.token(c -> c.claim(ValidatedToken.TAGS_CLAIM,
                Map.of("principal_tags", Map.of("team", List.of("platform")))));
        assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/NoTags", token), 403, "AccessDenied",
                "Not authorized to perform sts:TagSession");
    }

    @Test
    void aSubjectTheTrustPolicyDoesNotNameIsAccessDenied() {
        assertRefused(() -> assume(sts, ROLE, idp.token(c -> c.subject("mallory"))), 403, "AccessDenied",
                "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void aRoleThatDoesNotExistIsAccessDenied() {
        assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/Nobody", idp.token()), 403, "AccessDenied",
                "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void durationSecondsUpToTheRolesMaximumSetTheExpiry() {
        AssumeRoleWithWebIdentityResponse response = assume(sts, ROLE, idp.token(), r -> r.durationSeconds(7200));
        assertThat(response.credentials().expiration())
                .isBetween(java.time.Instant.now().plusSeconds(7100), java.time.Instant.now().plusSeconds(7300));
    }

    @Test
    void durationSecondsOverTheRolesMaximumIsAValidationError() {
        assertRefused(() -> assume(sts, "arn:aws:iam::111122223333:role/NoTags", idp.token(),
                r -> r.durationSeconds(7200)), 400, "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    @Test
    void aSessionPolicyIsAcceptedAndReportedInThePackedSize() {
        AssumeRoleWithWebIdentityResponse response = assume(sts, ROLE, idp.token(), r -> r.policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"*\"}]}"));
        assertThat(response.packedPolicySize()).isBetween(1, 100);
    }

    @Test
    void theAzpClaimIsAcceptedWhenTheAudienceIsNotAClientId() {
        AssumeRoleWithWebIdentityResponse response = assume(sts, ROLE, idp.token(c -> c.audience("https://api")
                .claim("azp", TestIdp.CLIENT_ID)));
        assertThat(response.audience()).isEqualTo(TestIdp.CLIENT_ID);
    }
}
