package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;
import dev.stsbridge.verifier.testing.TestSamlHalf;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS through the real AWS SDK for Java v2: GetCallerIdentity with account keys and with temporary credentials the
 * issuer minted, expired and unknown credentials, AssumeRoleWithSAML dispatched to the SAML half and rendered in
 * STS's shape, and the SigV4 refusals an SDK user meets.
 */
class StsSdkTest {

    /** The server's clock runs 11 minutes ahead: inside SigV4's 15-minute window, past a 10-minute session. */
    private static final Duration AHEAD = Duration.ofMinutes(11);

    private static Verifier verifier;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.offset(Clock.systemUTC(), AHEAD));
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static SessionGrant grant(Instant expiration) {
        return new SessionGrant(Verifier.DEV, "arn:aws:iam::444455556666:role/Developer",
                "arn:aws:sts::444455556666:assumed-role/Developer/alice@example.com",
                "AROAEXAMPLE0000000002:alice@example.com", expiration, Map.of(), List.of(), Optional.empty());
    }

    private static StsClient sts(TemporaryCredentials c) {
        return verifier.sts(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    @Test
    void getCallerIdentityWithAnAccountKeyIsTheAccountRoot() {
        try (StsClient sts = verifier.sts(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET))) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();

            assertThat(identity.account()).isEqualTo(Verifier.PROD);
            assertThat(identity.userId()).isEqualTo(Verifier.PROD);
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::111122223333:root");
        }
    }

    @Test
    void getCallerIdentityWithIssuedCredentialsIsTheAssumedRole() {
        TemporaryCredentials credentials = verifier.app.core().credentials()
                .issue(grant(Instant.now().plus(AHEAD).plus(Duration.ofHours(1))));

        try (StsClient sts = sts(credentials)) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();

            assertThat(identity.arn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/Developer/alice@example.com");
            assertThat(identity.userId()).isEqualTo("AROAEXAMPLE0000000002:alice@example.com");
            assertThat(identity.account()).isEqualTo(Verifier.DEV);
        }
    }

    @Test
    void getCallerIdentityWithExpiredCredentialsIsExpiredToken() {
        TemporaryCredentials credentials = verifier.app.core().credentials()
                .issue(grant(Instant.now().plus(Duration.ofMinutes(10))));

        try (StsClient sts = sts(credentials)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is expired");
            });
        }
    }

    @Test
    void getCallerIdentityWithAWrongSessionTokenIsInvalidClientTokenId() {
        TemporaryCredentials credentials = verifier.app.core().credentials()
                .issue(grant(Instant.now().plus(Duration.ofHours(2))));

        try (StsClient sts = verifier.sts(credentials.accessKeyId(), credentials.secretAccessKey(), "forged")) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is invalid");
            });
        }
    }

    @Test
    void getCallerIdentityWithAnUnknownKeyIsInvalidClientTokenId() {
        try (StsClient sts = verifier.sts(AwsBasicCredentials.create("AKIAUNKNOWN000000000", Verifier.PROD_SECRET))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
    }

    @Test
    void getCallerIdentityWithAWrongSecretIsSignatureDoesNotMatch() {
        try (StsClient sts = verifier.sts(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.DEV_SECRET))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The request signature we calculated does "
                        + "not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                        + "Consult the service documentation for details.");
            });
        }
    }

    @Test
    void assumeRoleWithSamlIsDispatchedUnsignedAndItsCredentialsWork() {
        try (StsClient anonymous = StsClient.builder().endpointOverride(verifier.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            AssumeRoleWithSamlResponse assumed = anonymous.assumeRoleWithSAML(r -> r
                    .roleArn("arn:aws:iam::111122223333:role/Admin")
                    .principalArn("arn:aws:iam::111122223333:saml-provider/stsbridge")
                    .samlAssertion("PHNhbWxwOlJlc3BvbnNlLz4=").durationSeconds(1800));

            assertThat(verifier.saml.last()).hasValueSatisfying(request -> {
                assertThat(request.samlAssertion()).isEqualTo("PHNhbWxwOlJlc3BvbnNlLz4=");
                assertThat(request.durationSeconds()).contains(1800);
            });
            assertThat(assumed.credentials().accessKeyId()).matches("ASIA[A-Z2-7]{16}");
            assertThat(assumed.credentials().secretAccessKey()).hasSize(40);
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com");
            assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(TestSamlHalf.ROLE_ID + ":alice@example.com");
            assertThat(assumed.packedPolicySize()).isEqualTo(6);
            assertThat(assumed.subject()).isEqualTo("alice@example.com");
            assertThat(assumed.subjectType()).isEqualTo("persistent");
            assertThat(assumed.issuer()).isEqualTo("https://idp.example.com/saml");
            assertThat(assumed.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
            assertThat(assumed.nameQualifier()).isEqualTo("1uAJanUnBc2XeUkHURMht+xam2c=");
            assertThat(assumed.sourceIdentity()).isEqualTo("alice");

            try (StsClient session = verifier.sts(AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
                    assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken()))) {
                assertThat(session.getCallerIdentity().arn()).isEqualTo(assumed.assumedRoleUser().arn());
            }
        }
    }

    @Test
    void iamSignedForAwsGlobalIsAccepted() {
        try (IamClient iam = verifier.iam(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET),
                Region.AWS_GLOBAL)) {
            assertThat(iam.listRoles().roles()).isNotNull();
        }
    }

    @Test
    void iamSignedForAnotherRegionIsRefusedAsIamDoes() {
        try (IamClient iam = verifier.iam(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET),
                Region.EU_WEST_1)) {
            assertThatThrownBy(iam::listRoles).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Credential should be scoped to a valid region, not 'eu-west-1'. ");
            });
        }
    }

    @Test
    void iamWithTemporaryCredentialsIsAccessDeniedForTheRoleSession() {
        TemporaryCredentials credentials = verifier.app.core().credentials()
                .issue(grant(Instant.now().plus(AHEAD).plus(Duration.ofHours(1))));

        try (IamClient iam = verifier.iam(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()), Region.US_EAST_1)) {
            assertThatThrownBy(() -> iam.getRole(r -> r.roleName("Developer")))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: "
                                + "arn:aws:sts::444455556666:assumed-role/Developer/alice@example.com is not "
                                + "authorized to perform: iam:GetRole on resource: "
                                + "arn:aws:iam::444455556666:role/Developer because no identity-based policy allows "
                                + "the iam:GetRole action");
                    });
        }
    }

    @Test
    void getSamlProviderOfAnotherAccountIsAccessDenied() {
        try (IamClient iam = verifier.prodIam()) {
            String devArn = "arn:aws:iam::444455556666:saml-provider/stsbridge";
            assertThatThrownBy(() -> iam.getSAMLProvider(r -> r.samlProviderArn(devArn)))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111122223333:root"
                                + " is not authorized to perform: iam:GetSAMLProvider on resource: " + devArn
                                + " because no resource-based policy allows the iam:GetSAMLProvider action");
                    });
        }
    }
}
