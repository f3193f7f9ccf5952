package dev.stsbridge.verifier.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;

import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** A verifier with an IAM OpenID Connect provider for a {@link TestIdp} and a role trusting it; unsigned STS calls. */
final class WebIdentityFixture {

    static final String ROLE = "arn:aws:iam::111122223333:role/WebApp";

    private WebIdentityFixture() {
    }

    /** Registers {@code idp} in the account of {@code iam} with its client ID and thumbprint; returns the ARN. */
    static String register(IamClient iam, TestIdp idp) {
        return iam.createOpenIDConnectProvider(r -> r.url(idp.issuer()).clientIDList(TestIdp.CLIENT_ID)
                .thumbprintList(idp.thumbprint())).openIDConnectProviderArn();
    }

    /** A trust policy for {@code providerArn}: the audience must be the client ID and sub "alice". */
    static String trust(String providerArn, String host, boolean tagSession) {
        String actions = tagSession ? "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]"
                : "\"sts:AssumeRoleWithWebIdentity\"";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":" + actions + ",\"Condition\":{\"StringEquals\":{\"" + host
                + ":aud\":\"" + TestIdp.CLIENT_ID + "\",\"" + host + ":sub\":\"alice\"}}}]}";
    }

    static StsClient anonymousSts(Verifier verifier) {
        return StsClient.builder().endpointOverride(verifier.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static AssumeRoleWithWebIdentityResponse assume(StsClient sts, String roleArn, String token) {
        return assume(sts, roleArn, token, r -> { });
    }

    static AssumeRoleWithWebIdentityResponse assume(StsClient sts, String roleArn, String token,
                                                    Consumer<AssumeRoleWithWebIdentityRequest.Builder> more) {
        return sts.assumeRoleWithWebIdentity(r -> {
            r.roleArn(roleArn).roleSessionName("alice-session").webIdentityToken(token);
            more.accept(r);
        });
    }

    /** Asserts AWS's code, HTTP status and exact message. */
    static void assertRefused(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}
