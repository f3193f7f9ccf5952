package dev.stsbridge.verifier.auth;

import static dev.stsbridge.verifier.testing.SignedRequests.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;
import dev.stsbridge.verifier.testing.AwsReply;
import dev.stsbridge.verifier.testing.SignedRequests;
import dev.stsbridge.verifier.testing.SignedRequests.Signing;
import dev.stsbridge.verifier.testing.Verifier;

/**
 * SigV4 verification against a server on a fixed clock, with requests signed by AWS's own signer exactly as each case
 * needs: every way a signature is refused gets its AWS code and message.
 */
class SigV4AuthenticationTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String GET_CALLER_IDENTITY = form("Action", "GetCallerIdentity", "Version", "2011-06-15");
    private static final String LIST_ROLES = form("Action", "ListRoles", "Version", "2010-05-08");
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the "
            + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
            + "documentation for details.";

    private static Verifier verifier;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static Signing prod(String service) {
        return Signing.account(Verifier.PROD_KEY, Verifier.PROD_SECRET, service, NOW);
    }

    private static AwsReply sts(Signing signing) {
        return SignedRequests.post(verifier.endpoint(), GET_CALLER_IDENTITY, signing);
    }

    private static void assertRefused(AwsReply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.message()).isEqualTo(message);
        assertThat(reply.text("Type")).isEqualTo("Sender");
    }

    @Test
    void verifyWhenSignedWithTheAccountKeyThenAccepted() {
        AwsReply reply = sts(prod("sts"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("Arn")).isEqualTo("arn:aws:iam::111122223333:root");
    }

    @Test
    void verifyWhenAGetWithQueryParametersIsSignedByAwsSignerThenAccepted() {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("Version", "2011-06-15");
        parameters.put("Action", "GetCallerIdentity");
        parameters.put("Unused", "a b/c~*=&+\u00e9");
        AwsReply reply = SignedRequests.get(verifier.endpoint(), parameters, prod("sts"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("Arn")).isEqualTo("arn:aws:iam::111122223333:root");
    }

    @Test
    void verifyWhenAGetQueryParameterIsChangedAfterSigningThenSignatureDoesNotMatch() {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("Action", "GetCallerIdentity");
        parameters.put("Version", "2011-06-15");
        parameters.put("Unused", "signed");
        AwsReply signed = SignedRequests.get(verifier.endpoint(), parameters, prod("sts"));
        assertThat(signed.status()).isEqualTo(200);

        java.net.URI tampered = java.net.URI.create(signed.http().request().uri().toString()
                .replace("Unused=signed", "Unused=changed"));
        java.net.http.HttpRequest.Builder again = java.net.http.HttpRequest.newBuilder(tampered).GET();
        signed.http().request().headers().map().forEach((name, values) -> values.forEach(v -> again.header(name, v)));

        assertRefused(SignedRequests.send(again.build()), 403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH);
    }

    @Test
    void verifyWhenSignedWithAWrongSecretThenSignatureDoesNotMatch() {
        assertRefused(sts(prod("sts").secret(Verifier.DEV_SECRET)), 403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH);
    }

    @Test
    void verifyWhenTheBodyIsTamperedAfterSigningThenSignatureDoesNotMatch() {
        String signedBody = form("Action", "GetRole", "Version", "2010-05-08", "RoleName", "Admin");
        Map<String, List<String>> headers = SignedRequests.signedHeaders(verifier.endpoint(), signedBody, prod("iam"));
        String tampered = form("Action", "GetRole", "Version", "2010-05-08", "RoleName", "Other");

        assertRefused(SignedRequests.post(verifier.endpoint(), tampered, headers), 403, "SignatureDoesNotMatch",
                SIGNATURE_MISMATCH);
    }

    @Test
    void verifyWhenTheBodyHashHeaderIsRecomputedForATamperedBodyThenSignatureDoesNotMatch() {
        String signedBody = form("Action", "GetRole", "Version", "2010-05-08", "RoleName", "Admin");
        Map<String, List<String>> headers = new HashMap<>(
                SignedRequests.signedHeaders(verifier.endpoint(), signedBody, prod("iam")));
        String tampered = form("Action", "GetRole", "Version", "2010-05-08", "RoleName", "Other");
        headers.put("x-amz-content-sha256", List.of(sha256Hex(tampered)));

        assertRefused(SignedRequests.post(verifier.endpoint(), tampered, headers), 403, "SignatureDoesNotMatch",
                SIGNATURE_MISMATCH);
    }

    @Test
    void verifyWhenTheAccessKeyIsUnknownThenInvalidClientTokenId() {
        Signing unknown = Signing.account("AKIAUNKNOWNKEY000000", Verifier.PROD_SECRET, "sts", NOW);

        assertRefused(sts(unknown), 403, "InvalidClientTokenId", "The security token included in the request is invalid");
    }

    @Test
    void verifyWhenSignedMoreThan15MinutesAgoThenSignatureExpired() {
        assertRefused(sts(prod("sts").at(NOW.minus(Duration.ofMinutes(16)))), 403, "SignatureDoesNotMatch",
                "Signature expired: 20250301T114400Z is now earlier than 20250301T114500Z (20250301T120000Z - 15 min.)");
    }

    @Test
    void verifyWhenSignedMoreThan15MinutesAheadThenSignatureNotYetCurrent() {
        assertRefused(sts(prod("sts").at(NOW.plus(Duration.ofMinutes(16)))), 403, "SignatureDoesNotMatch",
                "Signature not yet current: 20250301T121600Z is still later than 20250301T121500Z "
                        + "(20250301T120000Z + 15 min.)");
    }

    @Test
    void verifyWhenSignedWithin15MinutesThenAccepted() {
        assertThat(sts(prod("sts").at(NOW.minus(Duration.ofMinutes(14)))).status()).isEqualTo(200);
    }

    @Test
    void verifyWhenScopedToAnotherRegionThenRefused() {
        assertRefused(sts(prod("sts").region("eu-west-1")), 403, "SignatureDoesNotMatch",
                "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    }

    @Test
    void verifyWhenScopedToAnotherServiceThenRefused() {
        AwsReply reply = SignedRequests.post(verifier.endpoint(), LIST_ROLES, prod("sts"));

        assertRefused(reply, 403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'iam'. ");
        assertThat(reply.namespace()).isEqualTo("https://iam.amazonaws.com/doc/2010-05-08/");
    }

    @Test
    void verifyWhenUnsignedThenMissingAuthenticationToken() {
        AwsReply reply = SignedRequests.unsigned(verifier.endpoint(), GET_CALLER_IDENTITY);

        assertRefused(reply, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        assertThat(reply.namespace()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
    }

    @Test
    void verifyWhenTheAuthorizationHeaderLacksPartsThenIncompleteSignature() {
        String header = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/sts/aws4_request";
        AwsReply reply = SignedRequests.post(verifier.endpoint(), GET_CALLER_IDENTITY,
                Map.of("Authorization", List.of(header)));

        assertRefused(reply, 400, "IncompleteSignature", "Authorization header requires 'Signature' parameter. "
                + "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence "
                + "of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + header);
    }

    @Test
    void verifyWhenASignedHeaderIsAbsentThenIncompleteSignature() {
        Map<String, List<String>> headers = new HashMap<>(
                SignedRequests.signedHeaders(verifier.endpoint(), GET_CALLER_IDENTITY, prod("sts")));
        String authorization = headers.get("Authorization").get(0).replace("SignedHeaders=", "SignedHeaders=x-extra;");
        headers.put("Authorization", List.of(authorization));

        assertRefused(SignedRequests.post(verifier.endpoint(), GET_CALLER_IDENTITY, headers), 400,
                "IncompleteSignature", "'x-extra' is named as a SignedHeader, but it does not exist in the HTTP request.");
    }

    @Test
    void verifyWhenTheScopeDateDiffersFromXAmzDateThenRefused() {
        Map<String, List<String>> headers = new HashMap<>(
                SignedRequests.signedHeaders(verifier.endpoint(), GET_CALLER_IDENTITY, prod("sts")));
        headers.put("Authorization", List.of(headers.get("Authorization").get(0).replace("/20250301/", "/20250228/")));

        assertRefused(SignedRequests.post(verifier.endpoint(), GET_CALLER_IDENTITY, headers), 403,
                "SignatureDoesNotMatch", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                        + "date from HTTP: '20250228' != '20250301', from '20250301T120000Z'.");
    }

    @Test
    void verifyWhenTheScopeTerminatorIsWrongThenRefused() {
        Map<String, List<String>> headers = new HashMap<>(
                SignedRequests.signedHeaders(verifier.endpoint(), GET_CALLER_IDENTITY, prod("sts")));
        headers.put("Authorization", List.of(headers.get("Authorization").get(0).replace("aws4_request", "aws5_request")));

        assertRefused(SignedRequests.post(verifier.endpoint(), GET_CALLER_IDENTITY, headers), 403,
                "SignatureDoesNotMatch",
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ");
    }

    @Test
    void verifyWhenXAmzDateIsNotIsoBasicThenIncompleteSignature() {
        Map<String, List<String>> headers = new HashMap<>(
                SignedRequests.signedHeaders(verifier.endpoint(), GET_CALLER_IDENTITY, prod("sts")));
        headers.put("X-Amz-Date", List.of("2025-03-01T12:00:00Z"));

        assertRefused(SignedRequests.post(verifier.endpoint(), GET_CALLER_IDENTITY, headers), 400,
                "IncompleteSignature", "Date must be in ISO-8601 'basic format'. Got '2025-03-01T12:00:00Z'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601");
    }

    private static TemporaryCredentials issue(Instant expiration) {
        return verifier.app.core().credentials().issue(new SessionGrant(Verifier.PROD,
                "arn:aws:iam::111122223333:role/Admin", "arn:aws:sts::111122223333:assumed-role/Admin/bob",
                "AROAEXAMPLE0000000003:bob", expiration, Map.of(), List.of(), Optional.empty()));
    }

    private static Signing session(TemporaryCredentials c) {
        return Signing.account(c.accessKeyId(), c.secretAccessKey(), "sts", NOW).token(c.sessionToken());
    }

    @Test
    void verifyWhenSignedWithLiveTemporaryCredentialsThenTheRoleSession() {
        AwsReply reply = sts(session(issue(NOW.plusSeconds(1))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("Arn")).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/bob");
    }

    @Test
    void verifyWhenTemporaryCredentialsExpiredThenExpiredToken() {
        assertRefused(sts(session(issue(NOW))), 403, "ExpiredToken",
                "The security token included in the request is expired");
    }

    @Test
    void verifyWhenTheSessionTokenIsWrongThenInvalidClientTokenId() {
        TemporaryCredentials c = issue(NOW.plusSeconds(600));

        assertRefused(sts(session(c).token(c.sessionToken() + "x")), 403, "InvalidClientTokenId",
                "The security token included in the request is invalid");
    }

    @Test
    void verifyWhenTheSessionTokenIsMissingThenInvalidClientTokenId() {
        TemporaryCredentials c = issue(NOW.plusSeconds(600));

        assertRefused(sts(Signing.account(c.accessKeyId(), c.secretAccessKey(), "sts", NOW)), 403,
                "InvalidClientTokenId", "The security token included in the request is invalid");
    }

    @Test
    void verifyWhenAnAccountKeyCarriesASessionTokenThenInvalidClientTokenId() {
        assertRefused(sts(prod("sts").token("anything")), 403, "InvalidClientTokenId",
                "The security token included in the request is invalid");
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
