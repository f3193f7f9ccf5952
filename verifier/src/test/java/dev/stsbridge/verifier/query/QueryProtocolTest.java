package dev.stsbridge.verifier.query;

import static dev.stsbridge.verifier.testing.SignedRequests.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.SamlHalf;
import dev.stsbridge.verifier.VerifierSettings;
import dev.stsbridge.verifier.testing.AwsReply;
import dev.stsbridge.verifier.testing.SignedRequests;
import dev.stsbridge.verifier.testing.SignedRequests.Signing;
import dev.stsbridge.verifier.testing.Verifier;

/** The Query protocol over HTTP: dispatch, error envelopes, parameter decoding, body caps, routing. */
class QueryProtocolTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static Verifier verifier;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static AwsReply iam(String body) {
        return SignedRequests.post(verifier.endpoint(), body,
                Signing.account(Verifier.PROD_KEY, Verifier.PROD_SECRET, "iam", NOW));
    }

    private static void assertError(AwsReply reply, int status, String namespace, String code, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.rootName()).isEqualTo("ErrorResponse");
        assertThat(reply.namespace()).isEqualTo(namespace);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.message()).isEqualTo(message);
    }

    @Test
    void errorEnvelopeHasTypeCodeMessageAndTheRequestIdOfTheHeader() {
        AwsReply reply = iam(form("Action", "CreateGroup", "Version", "2010-05-08"));

        assertThat(reply.header("Content-Type")).isEqualTo("text/xml");
        assertThat(reply.body()).matches("<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type>"
                + "<Code>InvalidAction</Code><Message>Could not find operation CreateGroup for version 2010-05-08"
                + "</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>");
        assertThat(reply.text("RequestId")).isEqualTo(reply.header("x-amzn-RequestId"));
    }

    @Test
    void successEnvelopeWrapsTheResultAndResponseMetadata() {
        AwsReply reply = iam(form("Action", "ListSAMLProviders", "Version", "2010-05-08"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).matches("<ListSAMLProvidersResponse xmlns=\"" + IAM_NS + "\"><ListSAMLProvidersResult>"
                + "<SAMLProviderList>.*</SAMLProviderList></ListSAMLProvidersResult><ResponseMetadata><RequestId>"
                + "[0-9a-f-]{36}</RequestId></ResponseMetadata></ListSAMLProvidersResponse>");
    }

    @Test
    void actionOfTheOtherApiIsInvalidActionForThatVersion() {
        AwsReply reply = SignedRequests.unsigned(verifier.endpoint(),
                form("Action", "CreateRole", "Version", "2011-06-15"));

        assertError(reply, 400, STS_NS, "InvalidAction", "Could not find operation CreateRole for version 2011-06-15");
    }

    @Test
    void missingVersionIsInvalidActionForNoVersionSpecified() {
        assertError(iam(form("Action", "ListRoles")), 400, IAM_NS, "InvalidAction",
                "Could not find operation ListRoles for version NO_VERSION_SPECIFIED");
    }

    @Test
    void unknownVersionIsInvalidActionForThatVersion() {
        assertError(iam(form("Action", "ListRoles", "Version", "2099-01-01")), 400, IAM_NS, "InvalidAction",
                "Could not find operation ListRoles for version 2099-01-01");
    }

    @Test
    void missingActionIsMissingAction() {
        assertError(SignedRequests.unsigned(verifier.endpoint(), form("Version", "2011-06-15")), 400, STS_NS,
                "MissingAction", "Missing Action");
    }

    @Test
    void actionNamesAreCaseSensitive() {
        assertError(iam(form("Action", "listroles", "Version", "2010-05-08")), 400, IAM_NS, "InvalidAction",
                "Could not find operation listroles for version 2010-05-08");
    }

    @Test
    void missingRequiredParametersAreValidationErrorsInModelOrder() {
        assertError(iam(form("Action", "CreateRole", "Version", "2010-05-08")), 400, IAM_NS, "ValidationError",
                "2 validation errors detected: Value null at 'roleName' failed to satisfy constraint: Member must "
                        + "not be null; Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member "
                        + "must not be null");
    }

    @Test
    void invalidParametersAreValidationErrorsWithAwsWording() {
        AwsReply reply = iam(form("Action", "CreateRole", "Version", "2010-05-08", "RoleName", "has space",
                "AssumeRolePolicyDocument", "{}", "Tags.member.1.Key", "bad*key", "Tags.member.1.Value", "v"));

        assertError(reply, 400, IAM_NS, "ValidationError", "2 validation errors detected: Value 'has space' at "
                + "'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "[\\w+=,.@-]+; Value at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy "
                + "regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    }

    @Test
    void assumeRoleWithSamlParametersAreValidatedBeforeDispatch() {
        AwsReply reply = SignedRequests.unsigned(verifier.endpoint(), form("Action", "AssumeRoleWithSAML",
                "Version", "2011-06-15", "RoleArn", "", "PrincipalArn", "arn:aws:iam::111122223333:saml-provider/x",
                "SAMLAssertion", "abc"));

        assertError(reply, 400, STS_NS, "ValidationError", "3 validation errors detected: Value '' at 'roleArn' "
                + "failed to satisfy constraint: Member must have length greater than or equal to 20; Value '' at "
                + "'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+; "
                + "Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length greater than or "
                + "equal to 4");
    }

    @Test
    void getWithParametersInTheQueryStringIsTheQueryProtocolToo() {
        AwsReply reply = SignedRequests.send(HttpRequest.newBuilder(
                URI.create(verifier.endpoint() + "/?Action=GetCallerIdentity&Version=2011-06-15")).GET().build());

        assertError(reply, 403, STS_NS, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    @Test
    void aParameterGivenTwiceIsMalformedQueryString() {
        AwsReply reply = SignedRequests.send(HttpRequest.newBuilder(
                        URI.create(verifier.endpoint() + "/?Action=GetCallerIdentity"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRoleWithSAML&Version=2011-06-15")).build());

        assertError(reply, 404, STS_NS, "MalformedQueryString", "The parameter Action appears more than once.");
    }

    @Test
    void aBadPercentEscapeIsMalformedQueryString() {
        assertError(SignedRequests.unsigned(verifier.endpoint(), "Action=Get%ZZ&Version=2011-06-15"), 404, STS_NS,
                "MalformedQueryString", "The query string contains a syntax error.");
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformedQueryString() {
        AwsReply reply = SignedRequests.send(HttpRequest.newBuilder(verifier.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'A', '=', (byte) 0xC3, (byte) 0x28})).build());

        assertError(reply, 404, STS_NS, "MalformedQueryString", "The request body is not UTF-8.");
    }

    @Test
    void anUnsignedBodyOverOneMebibyteIsRefusedWith413() {
        String body = form("Action", "AssumeRoleWithSAML", "Version", "2011-06-15", "SAMLAssertion",
                "A".repeat(BodyLimits.DEFAULT_LIMIT));

        assertError(SignedRequests.unsigned(verifier.endpoint(), body), 413, STS_NS, "RequestEntityTooLarge",
                "The request body of " + body.length() + " bytes exceeds the limit of 1048576 bytes for this request.");
    }

    @Test
    void aSignedIamBodyOverOneMebibyteIsReadAndParsed() {
        String metadata = "<x>" + "a".repeat(2 << 20) + "</x>";
        AwsReply reply = iam(form("Action", "CreateSAMLProvider", "Version", "2010-05-08", "Name", "Big",
                "SAMLMetadataDocument", metadata));

        assertError(reply, 400, IAM_NS, "InvalidInput", "Could not parse metadata");
        assertThat(reply.header(DetailedRefusal.HEADER)).startsWith("the root element is {null}x");
    }

    @Test
    void aDeclaredLengthOverTheIamCapIsRefusedWithoutReadingTheBody() throws IOException {
        Map<String, List<String>> signed = SignedRequests.signedHeaders(verifier.endpoint(), "",
                Signing.account(Verifier.PROD_KEY, Verifier.PROD_SECRET, "iam", NOW));
        try (Socket socket = new Socket("127.0.0.1", verifier.app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + verifier.app.port() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Authorization: " + signed.get("Authorization").get(0) + "\r\n"
                    + "Content-Length: 40000000\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(response).contains("<Code>RequestEntityTooLarge</Code><Message>The request body of 40000000 "
                    + "bytes exceeds the limit of 33554432 bytes for this request.</Message>");
        }
    }

    @Test
    void otherMethodsAreRefused() {
        AwsReply reply = SignedRequests.send(HttpRequest.newBuilder(verifier.endpoint())
                .PUT(HttpRequest.BodyPublishers.ofString("Action=ListRoles")).build());

        assertError(reply, 405, STS_NS, "MethodNotAllowed",
                "The HTTP method PUT is not allowed here; the Query API takes POST (or GET).");
    }

    @Test
    void otherPathsAreNotFoundAndMountedHandlersAreServed() {
        assertThat(SignedRequests.send(HttpRequest.newBuilder(URI.create(verifier.endpoint() + "/nothing"))
                .GET().build()).status()).isEqualTo(404);
        AwsReply console = SignedRequests.send(HttpRequest.newBuilder(URI.create(verifier.endpoint() + "/console"))
                .GET().build());
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).isEqualTo("console page");
    }
}
