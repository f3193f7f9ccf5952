package dev.stsbridge.verifier.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.jetty.util.UrlEncoded;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Recomputes the SigV4 signature of a received request with AWS's own signer ({@link AwsV4HttpSigner}), rather
 * than a hand-written canonicalisation: the request is rebuilt from what was received (method, Host, raw path,
 * query parameters, exactly the headers the client says it signed, the body bytes) and signed at the request's own
 * {@code X-Amz-Date} with the request's credential scope and the secret we hold for its access key.
 *
 * <p>Known limit: the SDK's signer never signs a few headers ({@code user-agent}, {@code expect},
 * {@code x-amzn-trace-id}, {@code connection}, ...). A client that does sign one of them (none of the AWS SDKs or the
 * CLI does) would be refused with {@code SignatureDoesNotMatch}.
 */
final class SignatureCalculator {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** The lower-case hex signature the request should carry. */
    String signature(ReceivedRequest request, AuthorizationHeader header, Instant signedAt,
                     AwsCredentialsIdentity identity) {
        SdkHttpRequest rebuilt = rebuild(request, header.signedHeaders());
        SignedRequest signed = signer.sign(r -> r
                .identity(identity)
                .request(rebuilt)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
                .putProperty(AwsV4HttpSigner.REGION_NAME, header.scope().region())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, header.scope().service())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
        int at = authorization.indexOf("Signature=");
        return at < 0 ? "" : authorization.substring(at + "Signature=".length()).trim();
    }

    private static SdkHttpRequest rebuild(ReceivedRequest request, List<String> signedHeaders) {
        HostAndPort host = HostAndPort.parse(request.host());
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("http")
                .host(host.host())
                .port(host.port())
                .encodedPath(request.rawPath().isEmpty() ? "/" : request.rawPath());
        if (!request.rawQuery().isEmpty()) {
            // already checked strictly by the Query layer before authentication
            UrlEncoded.decodeUtf8To(request.rawQuery(), 0, request.rawQuery().length(),
                    builder::appendRawQueryParameter);
        }
        for (String name : signedHeaders) {
            List<String> values = request.headerValues(name);
            if (values.isEmpty()) {
                throw AuthorizationHeader.incomplete("'" + name
                        + "' is named as a SignedHeader, but it does not exist in the HTTP request.");
            }
            builder.putHeader(name, values);
        }
        return builder.build();
    }

    /** The Host header split into host and port (80 when absent, as for plain HTTP). */
    private record HostAndPort(String host, int port) {
        static HostAndPort parse(String value) {
            int colon = value.lastIndexOf(':');
            boolean ipv6 = value.startsWith("[");
            if (colon < 0 || (ipv6 && colon < value.indexOf(']'))) {
                return new HostAndPort(value, 80);
            }
            try {
                return new HostAndPort(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return new HostAndPort(value, 80);
            }
        }
    }
}
