package dev.stsbridge.verifier.sts;

import static dev.stsbridge.verifier.sts.StsFixture.ALLOW_ASSUME_ANY;
import static dev.stsbridge.verifier.sts.StsFixture.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.MutableClock;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** GetFederationToken, GetSessionToken, GetCallerIdentity and GetAccessKeyInfo through the real SDK. */
class FederationTokensSdkTest {
    private static final String FEDERATE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sts:GetFederationToken\",\"iam:*\"],\"Resource\":\"*\"}]}";
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static Verifier verifier;
    private static StsFixture fixture;
    private static IamClient prod;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(CLOCK);
        fixture = new StsFixture(verifier);
        prod = verifier.prodIam();
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static void assertRefused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static GetCallerIdentityResponse whoAmI(Credentials c) {
        try (StsClient sts = fixture.sts(c)) {
            return sts.getCallerIdentity();
        }
    }

    @Test
    void getFederationTokenGivesAFederatedUserWhoseArnAndIdGetCallerIdentityShows() {
        AwsCredentials broker = fixture.user(prod, "broker", FEDERATE);
        try (StsClient sts = fixture.sts(broker)) {
            GetFederationTokenResponse token = sts.getFederationToken(r -> r.name("carol").durationSeconds(7200)
                    .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"iam:GetUser\",\"Resource\":\"*\"}]}"));

            assertThat(token.federatedUser().arn()).isEqualTo("arn:aws:sts::111122223333:federated-user/carol");
            assertThat(token.federatedUser().federatedUserId()).isEqualTo("111122223333:carol");
            assertThat(token.credentials().expiration()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(2)));
            assertThat(token.packedPolicySize()).isPositive();
            GetCallerIdentityResponse identity = whoAmI(token.credentials());
            assertThat(identity.arn()).isEqualTo("arn:aws:sts::111122223333:federated-user/carol");
            assertThat(identity.userId()).isEqualTo("111122223333:carol");
            assertThat(sts.getFederationToken(r -> r.name("dave")).credentials().expiration())
                    .isEqualTo(CLOCK.instant().plus(Duration.ofHours(12)));
        }
    }

    @Test
    void getFederationTokenIsRefusedForRoleCredentialsWithoutPermissionAndForAnyStsCallOfTheFederatedUser() {
        AwsCredentials user = fixture.user(prod, "roleuser", ALLOW_ASSUME_ANY);
        String role = fixture.role(prod, "Fed", trust("111122223333"), 3600);
        prod.putRolePolicy(r -> r.roleName("Fed").policyName("f").policyDocument(FEDERATE));
        Credentials roleSession;
        try (StsClient sts = fixture.sts(user)) {
            roleSession = sts.assumeRole(r -> r.roleArn(role).roleSessionName("rs")).credentials();
            assertRefused(() -> sts.getFederationToken(r -> r.name("x1")), "AccessDenied", "User: "
                    + "arn:aws:iam::111122223333:user/roleuser is not authorized to perform: sts:GetFederationToken "
                    + "on resource: arn:aws:sts::111122223333:federated-user/x1 because no identity-based policy "
                    + "allows the sts:GetFederationToken action");
        }
        try (StsClient sts = fixture.sts(roleSession)) {
            assertRefused(() -> sts.getFederationToken(r -> r.name("x1")), "AccessDenied",
                    "Cannot call GetFederationToken with session credentials");
            assertRefused(() -> sts.getSessionToken(), "AccessDenied",
                    "Cannot call GetSessionToken with session credentials");
        }
        Credentials federated;
        try (StsClient sts = fixture.sts(fixture.user(prod, "broker2", FEDERATE))) {
            federated = sts.getFederationToken(r -> r.name("fed")).credentials();
        }
        try (StsClient sts = fixture.sts(federated)) {
            assertRefused(() -> sts.assumeRole(r -> r.roleArn(role).roleSessionName("ff")), "AccessDenied",
                    "User: arn:aws:sts::111122223333:federated-user/fed is not authorized to perform: sts:AssumeRole "
                            + "on resource: " + role);
            assertRefused(() -> sts.getFederationToken(r -> r.name("x2")), "AccessDenied",
                    "Cannot call GetFederationToken with session credentials");
        }
        try (IamClient iam = verifier.iam(AwsSessionCredentials.create(federated.accessKeyId(),
                federated.secretAccessKey(), federated.sessionToken()), Region.US_EAST_1)) {
            assertThatThrownBy(() -> iam.listRoles()).isInstanceOfSatisfying(IamException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void theRootUsersFederationTokensAndSessionTokensLastAtMostAnHour() {
        try (StsClient sts = fixture.sts(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET))) {
            assertThat(sts.getFederationToken(r -> r.name("rootfed")).credentials().expiration())
                    .isEqualTo(CLOCK.instant().plus(Duration.ofHours(1)));
            assertRefused(() -> sts.getFederationToken(r -> r.name("rootfed").durationSeconds(3601)),
                    "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for the root user.");
            Credentials session = sts.getSessionToken().credentials();
            assertThat(session.expiration()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(1)));
            assertThat(whoAmI(session).arn()).isEqualTo("arn:aws:iam::111122223333:root");
            assertRefused(() -> sts.getFederationToken(r -> r.name("rootfed").durationSeconds(129601)),
                    "ValidationError", "1 validation error detected: Value '129601' at 'durationSeconds' failed to "
                            + "satisfy constraint: Member must have value less than or equal to 129600");
        }
    }

    @Test
    void getSessionTokenWithMfaSatisfiesAnMfaRoleAndCapsTheChainAtAnHour() {
        AwsCredentials user = fixture.user(prod, "mfa-session", ALLOW_ASSUME_ANY);
        String[] device = fixture.mfa(prod, "mfa-session", CLOCK.instant());
        String role = fixture.role(prod, "MfaOnly", trust("111122223333", "\"sts:AssumeRole\"",
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}"), 43200);
        try (StsClient sts = fixture.sts(user)) {
            Credentials plain = sts.getSessionToken().credentials();
            assertThat(plain.expiration()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(12)));
            assertThat(whoAmI(plain).arn()).isEqualTo("arn:aws:iam::111122223333:user/mfa-session");
            assertThat(whoAmI(plain).userId()).matches("AIDA[A-Z0-9]{17}");
            try (StsClient withoutMfa = fixture.sts(plain)) {
                assertRefused(() -> withoutMfa.assumeRole(r -> r.roleArn(role).roleSessionName("nm")), "AccessDenied",
                        "User: arn:aws:iam::111122223333:user/mfa-session is not authorized to perform: "
                                + "sts:AssumeRole on resource: " + role);
            }
            assertRefused(() -> sts.getSessionToken(r -> r.serialNumber(device[0]).tokenCode("000000")),
                    "AccessDenied", StsRefusals.SESSION_TOKEN_MFA_FAILED);
            Credentials mfa = sts.getSessionToken(r -> r.serialNumber(device[0])
                    .tokenCode(StsFixture.nextCode(device[1], CLOCK.instant()))).credentials();
            try (StsClient withMfa = fixture.sts(mfa)) {
                assertRefused(() -> withMfa.assumeRole(r -> r.roleArn(role).roleSessionName("wm")
                        .durationSeconds(7200)), "ValidationError", StsRefusals.CHAINED_OVER_AN_HOUR);
                assertThat(withMfa.assumeRole(r -> r.roleArn(role).roleSessionName("wm")).assumedRoleUser().arn())
                        .isEqualTo("arn:aws:sts::111122223333:assumed-role/MfaOnly/wm");
            }
        }
    }

    @Test
    void getAccessKeyInfoNamesTheAccountOfAnyKeyThisModelKnows() {
        AwsCredentials devUser = fixture.user(verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET), "dev-user", null);
        try (StsClient sts = fixture.sts(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET))) {
            assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(devUser.accessKeyId())).account())
                    .isEqualTo(Verifier.DEV);
            assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(Verifier.DEV_KEY)).account()).isEqualTo(Verifier.DEV);
            String temporary = sts.getSessionToken().credentials().accessKeyId();
            assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(temporary)).account()).isEqualTo(Verifier.PROD);
            assertRefused(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("AKIAUNKNOWNUNKNOWN22")),
                    "InvalidParameterValue", "The access key ID AKIAUNKNOWNUNKNOWN22 is not one this model knows.");
        }
    }
}
