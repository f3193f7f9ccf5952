package dev.stsbridge.verifier.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.sts.AssumeRoleWithSaml;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlResult;

/** The AssumeRoleWithSAML pipeline wired for tests: {@link TestIam}, in-memory credentials, a fixed clock. */
public final class TestSts {
    public static final Instant NOW = TestResponse.NOW.plusSeconds(10);

    public final TestIam iam;
    public final InMemoryCredentialIssuer issuer = new InMemoryCredentialIssuer();
    public final AssumeRoleWithSaml sts;

    public TestSts(TestIam iam, SamlSettings settings, Instant now) {
        this.iam = iam;
        this.sts = new AssumeRoleWithSaml(iam, new TrustPolicies(), issuer, Clock.fixed(now, ZoneOffset.UTC), settings);
    }

    public static TestSts standard() {
        return new TestSts(TestIam.standard(), SamlSettings.defaults(), NOW);
    }

    /** AssumeRoleWithSAML for the default role pair. */
    public AssumeRoleWithSamlResult assume(String samlAssertion) {
        return sts.handle(request(samlAssertion));
    }

    public static AssumeRoleWithSamlRequest request(String samlAssertion) {
        return new AssumeRoleWithSamlRequest(TestResponse.ROLE_ARN, TestResponse.PROVIDER_ARN, samlAssertion,
                Optional.empty(), Optional.empty(), List.of());
    }

    /** The error AssumeRoleWithSAML refuses {@code samlAssertion} with (fails when it is accepted). */
    public AwsError refusal(String samlAssertion) {
        return refusal(request(samlAssertion));
    }

    public AwsError refusal(AssumeRoleWithSamlRequest request) {
        try {
            AssumeRoleWithSamlResult result = sts.handle(request);
            throw new AssertionError("expected a refusal, got credentials for " + result.grant().assumedRoleArn());
        } catch (AwsException e) {
            return e.error();
        }
    }
}
