package dev.stsbridge.tests.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import dev.stsbridge.verifier.VerifierApplication;
import dev.stsbridge.verifier.VerifierSettings;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The verifier (the local model of AWS's side) in process on 127.0.0.1 and a free port, and AWS SDK for Java v2
 * clients pointed at it ({@code endpointOverride}, region {@code us-east-1}, no retries, an empty profile file so
 * no real AWS configuration is ever read). The demo accounts and keys are DESIGN.md's.
 */
public final class LocalAws implements AutoCloseable {

    public static final String PROD = "111122223333";
    public static final String PROD_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String PROD_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String DEV = "444455556666";
    public static final String DEV_ACCESS_KEY = "AKIAI44QH8DHBEXAMPLE";
    public static final String DEV_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    /** The AWS sign-in URL: the Destination, Recipient and {@code SAML:aud} of every assertion for AWS. */
    public static final String SIGNIN_URL = "https://signin.aws.amazon.com/saml";

    private final VerifierApplication app;

    private LocalAws(VerifierApplication app) {
        this.app = app;
    }

    /** Starts the verifier with its state in {@code dataDir}; {@code clock} is its clock for every time check. */
    public static LocalAws start(Path dataDir, Clock clock) {
        return new LocalAws(VerifierApplication.start(VerifierSettings.defaults(dataDir).withPort(0).withClock(clock)));
    }

    public VerifierApplication app() {
        return app;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return app.endpoint();
    }

    public IamClient iam(String accessKeyId, String secret) {
        return IamClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(LocalAws::offline).build();
    }

    /** IAM as the root of account 111122223333 (prod). */
    public IamClient prodIam() {
        return iam(PROD_ACCESS_KEY, PROD_SECRET);
    }

    /** STS signing with {@code credentials} (e.g. GetCallerIdentity with temporary credentials). */
    public StsClient sts(AwsCredentials credentials) {
        return sts(StaticCredentialsProvider.create(credentials));
    }

    public StsClient sts(String accessKeyId, String secret, String sessionToken) {
        return sts(AwsSessionCredentials.create(accessKeyId, secret, sessionToken));
    }

    /** STS without credentials: AssumeRoleWithSAML is not signed. */
    public StsClient anonymousSts() {
        return sts(AnonymousCredentialsProvider.create());
    }

    private StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .overrideConfiguration(LocalAws::offline).build();
    }

    private static void offline(ClientOverrideConfiguration.Builder c) {
        c.retryStrategy(AwsRetryStrategy.doNotRetry())
                .defaultProfileFile(ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                        .type(ProfileFile.Type.CONFIGURATION).build())
                .defaultProfileName("default");
    }

    public static String providerArn(String account, String name) {
        return "arn:aws:iam::" + account + ":saml-provider/" + name;
    }

    public static String roleArn(String account, String role) {
        return "arn:aws:iam::" + account + ":role/" + role;
    }

    /**
     * A SAML trust policy as the IAM console writes it for "SAML 2.0 federation", allowing the session tags and
     * SourceIdentity stsbridge sends: {@code Federated} = the provider, actions {@code sts:AssumeRoleWithSAML},
     * {@code sts:TagSession}, {@code sts:SetSourceIdentity}, condition {@code StringEquals SAML:aud} = the sign-in
     * URL.
     */
    public static String samlTrustPolicy(String providerArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},\
                "Action":["sts:AssumeRoleWithSAML","sts:TagSession","sts:SetSourceIdentity"],\
                "Condition":{"StringEquals":{"SAML:aud":"%s"}}}]}""".formatted(providerArn, SIGNIN_URL);
    }

    @Override
    public void close() {
        app.close();
    }
}
