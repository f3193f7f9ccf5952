package dev.stsbridge.app.login;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Optional;

import dev.stsbridge.idp.config.AwsPartition;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;

/**
 * AssumeRoleWithSAML with the AWS SDK: the region (and so the partition's STS) from the sign-in URL the assertion is
 * for ({@code https://us-west-2.signin.aws.amazon.com/saml} -> us-west-2; the global one -> us-east-1), or an explicit
 * endpoint such as the verifier's. Unsigned, as the API is; no profile files, no retries on refusals.
 */
public final class StsSignIn {

    private StsSignIn() {
    }

    /** The region STS is called in for this sign-in URL. */
    public static Region region(URI signinUrl) {
        return Region.of(AwsPartition.regionOfSigninUrl(signinUrl).orElse("us-east-1"));
    }

    public static SessionCredentials assumeRole(EcpExchange.Answer answer, RoleCatalogue.Choice choice,
                                                Optional<Integer> durationSeconds, Optional<URI> stsEndpoint) {
        StsClientBuilder builder = StsClient.builder().region(region(answer.acsUrl()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .defaultProfileFile(ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                                .type(ProfileFile.Type.CONFIGURATION).build())
                        .defaultProfileName("default"));
        stsEndpoint.ifPresent(builder::endpointOverride);
        try (StsClient sts = builder.build()) {
            AssumeRoleWithSamlRequest.Builder request = AssumeRoleWithSamlRequest.builder()
                    .roleArn(choice.role().roleArn()).principalArn(choice.role().principalArn())
                    .samlAssertion(answer.samlResponse());
            durationSeconds.ifPresent(request::durationSeconds);
            AssumeRoleWithSamlResponse response = sts.assumeRoleWithSAML(request.build());
            return new SessionCredentials(response.credentials().accessKeyId(),
                    response.credentials().secretAccessKey(), response.credentials().sessionToken(),
                    response.credentials().expiration(), response.assumedRoleUser().arn());
        } catch (AwsServiceException e) {
            throw new LoginFailure(LoginFailure.Kind.STS_REFUSED, "STS refused AssumeRoleWithSAML: "
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            throw new LoginFailure(LoginFailure.Kind.STS_REFUSED, "cannot call STS"
                    + stsEndpoint.map(u -> " at " + u).orElse("") + ": " + e.getMessage(), e);
        }
    }
}
