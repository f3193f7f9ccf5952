package dev.stsbridge.verifier.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Raw Query requests over java.net.http, signed (or not) exactly as a test needs, with AWS's own signer. */
public final class SignedRequests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

    private SignedRequests() {
    }

    /** How to sign. */
    public record Signing(String accessKeyId, String secret, Optional<String> sessionToken, String region,
                          String service, Instant at) {

        public static Signing account(String accessKeyId, String secret, String service, Instant at) {
            return new Signing(accessKeyId, secret, Optional.empty(), "us-east-1", service, at);
        }

        public Signing region(String value) {
            return new Signing(accessKeyId, secret, sessionToken, value, service, at);
        }

        public Signing service(String value) {
            return new Signing(accessKeyId, secret, sessionToken, region, value, at);
        }

        public Signing secret(String value) {
            return new Signing(accessKeyId, value, sessionToken, region, service, at);
        }

        public Signing token(String value) {
            return new Signing(accessKeyId, secret, Optional.of(value), region, service, at);
        }

        public Signing at(Instant value) {
            return new Signing(accessKeyId, secret, sessionToken, region, service, value);
        }
    }

    /** The headers AWS's signer adds for this request (X-Amz-Date, Authorization, X-Amz-Security-Token). */
    public static Map<String, List<String>> signedHeaders(URI endpoint, String body, Signing signing) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        AwsCredentialsIdentity identity = signing.sessionToken()
                .<AwsCredentialsIdentity>map(t -> AwsSessionCredentialsIdentity.create(signing.accessKeyId(),
                        signing.secret(), t))
                .orElseGet(() -> AwsCredentialsIdentity.create(signing.accessKeyId(), signing.secret()));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signing.at(), ZoneOffset.UTC)));
        return signed.request().headers();
    }

    /** GETs with query parameters (decoded name/value pairs), signed with {@code signing}. */
    public static AwsReply get(URI endpoint, Map<String, String> parameters, Signing signing) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint);
        parameters.forEach(builder::appendRawQueryParameter);
        SdkHttpRequest request = builder.build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(signing.accessKeyId(), signing.secret()))
                .request(request)
                .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signing.at(), ZoneOffset.UTC)));
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.request().getUri()).GET();
        signed.request().headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return send(http.build());
    }

    /** POSTs a form body signed with {@code signing}. */
    public static AwsReply post(URI endpoint, String body, Signing signing) {
        return post(endpoint, body, signedHeaders(endpoint, body, signing));
    }

    /** POSTs a form body with the given extra headers (none: unsigned). */
    public static AwsReply post(URI endpoint, String body, Map<String, List<String>> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean contentType = false;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(v -> builder.header(header.getKey(), v));
                contentType |= header.getKey().equalsIgnoreCase("content-type");
            }
        }
        if (!contentType) {
            builder.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        }
        return send(builder.build());
    }

    public static AwsReply unsigned(URI endpoint, String body) {
        return post(endpoint, body, Map.of());
    }

    public static AwsReply send(HttpRequest request) {
        try {
            return AwsReply.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Form-encodes name/value pairs ({@code %20} for spaces, as the AWS SDKs do). */
    public static String form(String... namesAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String pair = (i > 0 ? "&" : "") + encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]);
            out.writeBytes(pair.getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
