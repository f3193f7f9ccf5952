package dev.stsbridge.verifier.sts;

import static dev.stsbridge.verifier.sts.StsFixture.ALLOW_ASSUME_ANY;
import static dev.stsbridge.verifier.sts.StsFixture.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.MutableClock;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS AssumeRole through the real AWS SDK for Java v2: each rule, allowed and refused. */
class AssumeRoleSdkTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static Verifier verifier;
    private static StsFixture fixture;
    private static IamClient prod;
    private static IamClient dev;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(CLOCK);
        fixture = new StsFixture(verifier);
        prod = verifier.prodIam();
        dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET);
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static AssumeRoleResponse assume(AwsCredentials as, String roleArn) {
        try (StsClient sts = fixture.sts(as)) {
            return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1"));
        }
    }

    private static String arnOf(Credentials c) {
        try (StsClient sts = fixture.sts(c)) {
            return sts.getCallerIdentity().arn();
        }
    }

    private static void assertDenied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void sameAccountTrustNamingTheUserSufficesWithoutAnIdentityPolicy() {
        AwsCredentials user = fixture.user(prod, "named", null);
        String role = fixture.role(prod, "NamesUser", trust("arn:aws:iam::111122223333:user/named"), 3600);

        AssumeRoleResponse assumed = assume(user, role);

        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/NamesUser/s1");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z0-9]{17}:s1");
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(arnOf(assumed.credentials())).isEqualTo("arn:aws:sts::111122223333:assumed-role/NamesUser/s1");
    }

    @Test
    void sameAccountTrustNamingTheAccountNeedsTheIdentityPolicyToo() {
        AwsCredentials without = fixture.user(prod, "nopolicy", null);
        AwsCredentials with = fixture.user(prod, "withpolicy", ALLOW_ASSUME_ANY);
        String role = fixture.role(prod, "NamesAccount", trust("111122223333"), 3600);

        assertDenied(() -> assume(without, role), "User: arn:aws:iam::111122223333:user/nopolicy is not authorized "
                + "to perform: sts:AssumeRole on resource: " + role);
        assertThat(assume(with, role).assumedRoleUser().arn()).endsWith(":assumed-role/NamesAccount/s1");
    }

    @Test
    void anIdentityPolicyAloneDoesNotLetAUserAssumeARoleWhoseTrustPolicyDoesNotTrustIt() {
        AwsCredentials user = fixture.user(prod, "untrusted", ALLOW_ASSUME_ANY);
        String role = fixture.role(prod, "TrustsOther", trust("arn:aws:iam::111122223333:user/someone-else"), 3600);

        assertDenied(() -> assume(user, role), "User: arn:aws:iam::111122223333:user/untrusted is not authorized to "
                + "perform: sts:AssumeRole on resource: " + role);
    }

    @Test
    void crossAccountNeedsTheTrustPolicyAndTheCallersIdentityPolicyAndTheExternalId() {
        AwsCredentials allowed = fixture.user(dev, "partner", ALLOW_ASSUME_ANY);
        AwsCredentials noPolicy = fixture.user(dev, "partner-np", null);
        String role = fixture.role(prod, "Partner", trust("arn:aws:iam::444455556666:root", "\"sts:AssumeRole\"",
                "{\"StringEquals\":{\"sts:ExternalId\":\"ext-4711\"}}"), 3600);
        String untrusted = fixture.role(prod, "OtherAccountOnly", trust("arn:aws:iam::999988887777:root"), 3600);

        try (StsClient sts = fixture.sts(allowed)) {
            assertThat(sts.assumeRole(r -> r.roleArn(role).roleSessionName("pp").externalId("ext-4711"))
                    .assumedRoleUser().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Partner/pp");
            assertDenied(() -> sts.assumeRole(r -> r.roleArn(role).roleSessionName("pp")),
                    "User: arn:aws:iam::444455556666:user/partner is not authorized to perform: sts:AssumeRole on "
                            + "resource: " + role);
            assertDenied(() -> sts.assumeRole(r -> r.roleArn(role).roleSessionName("pp").externalId("wrong")),
                    "User: arn:aws:iam::444455556666:user/partner is not authorized to perform: sts:AssumeRole on "
                            + "resource: " + role);
            assertDenied(() -> sts.assumeRole(r -> r.roleArn(untrusted).roleSessionName("pp")),
                    "User: arn:aws:iam::444455556666:user/partner is not authorized to perform: sts:AssumeRole on "
                            + "resource: " + untrusted);
        }
        try (StsClient sts = fixture.sts(noPolicy)) {
            assertDenied(() -> sts.assumeRole(r -> r.roleArn(role).roleSessionName("pp").externalId("ext-4711")),
                    "User: arn:aws:iam::444455556666:user/partner-np is not authorized to perform: sts:AssumeRole on "
                            + "resource: " + role);
        }
    }

    @Test
    void theRootUserMayNotAssumeRolesAndAMissingRoleIsAccessDenied() {
        String role = fixture.role(prod, "RootTrusted", trust("111122223333"), 3600);
        AwsCredentials user = fixture.user(prod, "lost", ALLOW_ASSUME_ANY);

        assertDenied(() -> assume(AwsBasicCredentials.create(Verifier.PROD_KEY, Verifier.PROD_SECRET), role),
                "Roles may not be assumed by root accounts.");
        assertDenied(() -> assume(user, "arn:aws:iam::111122223333:role/Nope"), "User: "
                + "arn:aws:iam::111122223333:user/lost is not authorized to perform: sts:AssumeRole on resource: "
                + "arn:aws:iam::111122223333:role/Nope");
    }

    @Test
    void mfaFromSerialNumberAndTokenCodeSatisfiesMultiFactorAuthPresentAndAWrongCodeIsRefused() {
        AwsCredentials user = fixture.user(prod, "mfa-user", ALLOW_ASSUME_ANY);
        String[] device = fixture.mfa(prod, "mfa-user", CLOCK.instant());
        String role = fixture.role(prod, "NeedsMfa", trust("111122223333", "\"sts:AssumeRole\"",
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},"
                        + "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"}}"), 3600);
        String good = StsFixture.nextCode(device[1], CLOCK.instant());
        String wrong = good.equals("123456") ? "654321" : "123456";

        try (StsClient sts = fixture.sts(user)) {
            assertDenied(() -> sts.assumeRole(r -> r.roleArn(role).roleSessionName("mm")),
                    "User: arn:aws:iam::111122223333:user/mfa-user is not authorized to perform: sts:AssumeRole on "
                            + "resource: " + role);
            assertDenied(() -> sts.assumeRole(r -> r.roleArn(role).roleSessionName("mm").serialNumber(device[0])
                    .tokenCode(wrong)), "MultiFactorAuthentication failed with invalid MFA one time pass code.");
            assertThat(sts.assumeRole(r -> r.roleArn(role).roleSessionName("mm").serialNumber(device[0])
                    .tokenCode(good)).assumedRoleUser().arn()).endsWith(":assumed-role/NeedsMfa/mm");
            assertDenied(() -> sts.assumeRole(r -> r.roleArn(role).roleSessionName("mm").serialNumber(device[0])
                    .tokenCode(good)), "MultiFactorAuthentication failed with invalid MFA one time pass code.");
        }
    }

    @Test
    void durationIsCappedByMaxSessionDurationAndAChainedSessionByOneHour() {
        AwsCredentials user = fixture.user(prod, "chainer", ALLOW_ASSUME_ANY);
        String first = fixture.role(prod, "First", trust("111122223333"), 43200);
        prod.putRolePolicy(r -> r.roleName("First").policyName("chain").policyDocument(ALLOW_ASSUME_ANY));
        String second = fixture.role(prod, "Second", trust("arn:aws:iam::111122223333:role/First"), 43200);

        Credentials long12h;
        try (StsClient sts = fixture.sts(user)) {
            long12h = sts.assumeRole(r -> r.roleArn(first).roleSessionName("cc").durationSeconds(43200)).credentials();
            assertThat(long12h.expiration()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(12)));
        }
        try (StsClient sts = fixture.sts(long12h)) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(second).roleSessionName("c2").durationSeconds(7200)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The requested DurationSeconds "
                                + "exceeds the 1 hour session limit for roles assumed by role chaining.");
                    });
            Credentials chained = sts.assumeRole(r -> r.roleArn(second).roleSessionName("c2").durationSeconds(3600))
                    .credentials();
            assertThat(arnOf(chained)).isEqualTo("arn:aws:sts::111122223333:assumed-role/Second/c2");
            assertThat(grant(chained).origin()).isEqualTo(SessionOrigin.ROLE_CHAINING);
        }
        String short1h = fixture.role(prod, "Short", trust("111122223333"), 3600);
        try (StsClient sts = fixture.sts(user)) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(short1h).roleSessionName("cc").durationSeconds(3601)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
            assertThat(grant(sts.assumeRole(r -> r.roleArn(short1h).roleSessionName("cc")).credentials()).origin())
                    .isEqualTo(SessionOrigin.ASSUME_ROLE);
        }
    }

    private static SessionGrant grant(Credentials c) {
        return verifier.app.core().credentials().find(c.accessKeyId()).orElseThrow().grant();
    }

    @Test
    void transitiveTagsAndSourceIdentityPropagateAlongAChainAndMayNotBeOverridden() {
        AwsCredentials user = fixture.user(prod, "tagger", ALLOW_ASSUME_ANY);
        fixture.role(prod, "Hop1", trust("111122223333"), 3600);
        prod.putRolePolicy(r -> r.roleName("Hop1").policyName("chain").policyDocument(ALLOW_ASSUME_ANY));
        fixture.role(prod, "Hop2", trust("arn:aws:iam::111122223333:role/Hop1"), 3600);
        fixture.role(prod, "Hop2NoTags", trust("arn:aws:iam::111122223333:role/Hop1", "\"sts:AssumeRole\"", null), 3600);

        Credentials hop1;
        try (StsClient sts = fixture.sts(user)) {
            hop1 = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Hop1").roleSessionName("h1")
                    .tags(t -> t.key("team").value("platform"), t -> t.key("temp").value("x"))
                    .transitiveTagKeys("team").sourceIdentity("alice")).credentials();
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Hop1")
                    .roleSessionName("h1").tags(t -> t.key("a").value("b")).transitiveTagKeys("team")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("ValidationError"));
        }
        try (StsClient sts = fixture.sts(hop1)) {
            Credentials hop2 = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Hop2")
                    .roleSessionName("h2")).credentials();
            assertThat(grant(hop2).sessionTags()).isEqualTo(Map.of("team", "platform"));
            assertThat(grant(hop2).transitiveTagKeys()).containsExactly("team");
            assertThat(grant(hop2).sourceIdentity()).contains("alice");
            assertDenied(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Hop2NoTags")
                    .roleSessionName("h2")), "User: arn:aws:sts::111122223333:assumed-role/Hop1/h1 is not authorized "
                    + "to perform: sts:TagSession on resource: arn:aws:iam::111122223333:role/Hop2NoTags");
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Hop2")
                    .roleSessionName("h2").tags(t -> t.key("TEAM").value("other"))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("ValidationError"));
            assertDenied(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Hop2")
                    .roleSessionName("h2").sourceIdentity("mallory")),
                    "SourceIdentity cannot be changed once set: the calling session's is alice.");
        }
    }

    @Test
    void aSessionPolicyLimitsWhatTheRoleSessionMayDo() {
        AwsCredentials user = fixture.user(prod, "scoped", ALLOW_ASSUME_ANY);
        String role = fixture.role(prod, "Lister", trust("111122223333"), 3600);
        prod.putRolePolicy(r -> r.roleName("Lister").policyName("iam").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"));
        Credentials scoped;
        try (StsClient sts = fixture.sts(user)) {
            AssumeRoleResponse response = sts.assumeRole(r -> r.roleArn(role).roleSessionName("sp")
                    .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"iam:GetRole\",\"Resource\":\"*\"}]}"));
            assertThat(response.packedPolicySize()).isBetween(1, 100);
            scoped = response.credentials();
        }
        try (IamClient iam = verifier.iam(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                scoped.accessKeyId(), scoped.secretAccessKey(), scoped.sessionToken()),
                software.amazon.awssdk.regions.Region.US_EAST_1)) {
            assertThat(iam.getRole(r -> r.roleName("Lister")).role().arn()).isEqualTo(role);
            assertThatThrownBy(() -> iam.listRoles()).isInstanceOfSatisfying(IamException.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: "
                            + "arn:aws:sts::111122223333:assumed-role/Lister/sp is not authorized to perform: "
                            + "iam:ListRoles on resource: arn:aws:iam::111122223333:role/ because no session policy "
                            + "allows the iam:ListRoles action"));
        }
    }
}
