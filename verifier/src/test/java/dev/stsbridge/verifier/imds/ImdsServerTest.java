package dev.stsbridge.verifier.imds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.testing.MutableClock;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The IMDSv2 model over HTTP: tokens, the credentials path, rotation, and the SDK's instance-profile provider. */
class ImdsServerTest {
    private static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Verifier verifier;
    private static ImdsServer imds;
    private static ImdsServer untrusted;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(CLOCK);
        try (IamClient iam = verifier.prodIam()) {
            iam.createRole(r -> r.roleName("WebServer").assumeRolePolicyDocument(EC2_TRUST));
            iam.createRole(r -> r.roleName("NotForEc2").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}"));
        }
        ImdsSettings settings = new ImdsSettings("127.0.0.1", 0, "WebServer", "i-0123456789abcdef0",
                Duration.ofHours(1), Duration.ofMinutes(15));
        imds = ImdsServer.start(settings, Verifier.PROD, verifier.app.core().iam(), verifier.app.assumeRole(), CLOCK);
        untrusted = ImdsServer.start(ImdsSettings.of(0, "NotForEc2"), Verifier.PROD, verifier.app.core().iam(),
                verifier.app.assumeRole(), CLOCK);
    }

    @AfterAll
    static void stop() {
        imds.close();
        untrusted.close();
        verifier.close();
    }

    private static HttpResponse<String> send(ImdsServer server, String method, String path, String header,
                                             String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            request.header(header, value);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(ImdsServer server) throws IOException, InterruptedException {
        HttpResponse<String> response = send(server, "PUT", "/latest/api/token", ImdsHandler.TTL_HEADER, "300");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void tokenRequestsNeedATtlOfOneSecondToSixHours() throws Exception {
        assertThat(send(imds, "PUT", "/latest/api/token", null, null).statusCode()).isEqualTo(400);
        assertThat(send(imds, "PUT", "/latest/api/token", ImdsHandler.TTL_HEADER, "0").statusCode()).isEqualTo(400);
        assertThat(send(imds, "PUT", "/latest/api/token", ImdsHandler.TTL_HEADER, "21601").statusCode()).isEqualTo(400);
        assertThat(send(imds, "PUT", "/latest/api/token", "X-Forwarded-For", "10.0.0.1").statusCode()).isEqualTo(403);
        HttpResponse<String> ok = send(imds, "PUT", "/latest/api/token", ImdsHandler.TTL_HEADER, "21600");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void metadataNeedsALiveTokenAndNamesTheRole() throws Exception {
        String path = "/latest/meta-data/iam/security-credentials/";
        assertThat(send(imds, "GET", path, null, null).statusCode()).isEqualTo(401);
        assertThat(send(imds, "GET", path, ImdsHandler.TOKEN_HEADER, "forged").statusCode()).isEqualTo(401);
        HttpResponse<String> listed = send(imds, "GET", path, ImdsHandler.TOKEN_HEADER, token(imds));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).isEqualTo("WebServer");
        assertThat(send(imds, "GET", "/latest/meta-data/other", ImdsHandler.TOKEN_HEADER, token(imds)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void credentialsRotateBeforeTheyExpire() throws Exception {
        String path = "/latest/meta-data/iam/security-credentials/WebServer";
        JsonNode first = new ObjectMapper().readTree(send(imds, "GET", path, ImdsHandler.TOKEN_HEADER, token(imds))
                .body());
        assertThat(first.get("Code").asText()).isEqualTo("Success");
        assertThat(first.get("Type").asText()).isEqualTo("AWS-HMAC");
        assertThat(first.get("AccessKeyId").asText()).startsWith("ASIA");

        CLOCK.advance(Duration.ofMinutes(44));
        JsonNode same = new ObjectMapper().readTree(send(imds, "GET", path, ImdsHandler.TOKEN_HEADER, token(imds))
                .body());
        CLOCK.advance(Duration.ofMinutes(2));
        JsonNode rotated = new ObjectMapper().readTree(send(imds, "GET", path, ImdsHandler.TOKEN_HEADER, token(imds))
                .body());

        assertThat(same.get("AccessKeyId").asText()).isEqualTo(first.get("AccessKeyId").asText());
        assertThat(rotated.get("AccessKeyId").asText()).isNotEqualTo(first.get("AccessKeyId").asText());
        assertThat(Instant.parse(rotated.get("Expiration").asText())).isAfter(Instant.parse(first.get("Expiration")
                .asText()));
    }

    @Test
    void aRoleWhoseTrustPolicyDoesNotTrustEc2GivesNoCredentials() throws Exception {
        HttpResponse<String> response = send(untrusted, "GET", "/latest/meta-data/iam/security-credentials/NotForEc2",
                ImdsHandler.TOKEN_HEADER, token(untrusted));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("AssumeRoleUnauthorizedAccess").contains("ec2.amazonaws.com");
    }

    @Test
    void theSdksInstanceProfileProviderGetsRoleCredentialsThatGetCallerIdentityShowsAsTheRole() {
        assertSdkProviderGetsTheRole(imds.endpoint().toString());
    }

    @Test
    void theEnvironmentValueWithItsTrailingSlashWorksForTheJavaSdkToo() {
        // the AWS CLI appends "latest/api/token" to AWS_EC2_METADATA_SERVICE_ENDPOINT without a slash of its own, so
        // the banner prints the endpoint with one; the Java SDK, which adds "/latest/...", must work with it as well
        assertThat(imds.environmentValue()).isEqualTo(imds.endpoint() + "/");
        assertSdkProviderGetsTheRole(imds.environmentValue());
    }

    private static void assertSdkProviderGetsTheRole(String endpoint) {
        String previous = System.getProperty("aws.disableEc2Metadata");
        System.setProperty("aws.disableEc2Metadata", "false");
        try (InstanceProfileCredentialsProvider provider = InstanceProfileCredentialsProvider.builder()
                .endpoint(endpoint).build()) {
            AwsSessionCredentials credentials = (AwsSessionCredentials) provider.resolveCredentials();
            try (StsClient sts = verifier.sts(credentials)) {
                assertThat(sts.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::111122223333:assumed-role/WebServer/i-0123456789abcdef0");
            }
        } finally {
            if (previous == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", previous);
            }
        }
    }
}
