package dev.stsbridge.verifier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.stsbridge.verifier.SamlHalf;
import dev.stsbridge.verifier.VerifierApplication;
import dev.stsbridge.verifier.VerifierSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** A verifier running in-process on 127.0.0.1 and an ephemeral port, with AWS SDK v2 clients pointed at it. */
public final class Verifier implements AutoCloseable {

    public static final String PROD = "111122223333";
    public static final String PROD_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String PROD_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String DEV = "444455556666";
    public static final String DEV_KEY = "AKIAI44QH8DHBEXAMPLE";
    public static final String DEV_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

    public final VerifierApplication app;
    public final Path dataDir;
    public final TestSamlHalf saml;

    private Verifier(VerifierApplication app, Path dataDir, TestSamlHalf saml) {
        this.app = app;
        this.dataDir = dataDir;
        this.saml = saml;
    }

    public static Verifier start(Clock clock) {
        return start(clock, newDataDir());
    }

    public static Verifier start(Clock clock, Path dataDir) {
        return start(VerifierSettings.defaults(dataDir).withPort(0).withClock(clock), new TestSamlHalf());
    }

    public static Verifier start(VerifierSettings settings, SamlHalf saml) {
        VerifierApplication app = VerifierApplication.start(settings, saml);
        return new Verifier(app, settings.dataDir(), saml instanceof TestSamlHalf t ? t : new TestSamlHalf());
    }

    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("verifier-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return app.endpoint();
    }

    public IamClient iam(String accessKeyId, String secret) {
        return iam(AwsBasicCredentials.create(accessKeyId, secret), Region.US_EAST_1);
    }

    public IamClient iam(AwsCredentials credentials, Region region) {
        return IamClient.builder().endpointOverride(endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public IamClient prodIam() {
        return iam(PROD_KEY, PROD_SECRET);
    }

    public StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public StsClient sts(String accessKeyId, String secret, String sessionToken) {
        return sts(AwsSessionCredentials.create(accessKeyId, secret, sessionToken));
    }

    @Override
    public void close() {
        app.close();
    }
}
