package dev.stsbridge.verifier.imds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stsbridge.verifier.sts.IssuedCredentials;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/**
 * EC2's instance metadata service, IMDSv2 only ("HttpTokens: required"), the paths an SDK's instance-profile
 * credentials provider uses:
 * <ul>
 *   <li>{@code PUT /latest/api/token} with {@code X-aws-ec2-metadata-token-ttl-seconds: 1-21600}: a session token
 *       (400 without the header or out of range; 403 with {@code X-Forwarded-For}, as EC2 refuses proxied token
 *       requests);</li>
 *   <li>{@code GET /latest/meta-data/iam/security-credentials/}: the role name;
 *       {@code .../security-credentials/<role>}: {@code {"Code":"Success","LastUpdated","Type":"AWS-HMAC",
 *       "AccessKeyId","SecretAccessKey","Token","Expiration"}}; {@code /latest/meta-data/instance-id};</li>
 *   <li>every {@code GET} needs a live token in {@code X-aws-ec2-metadata-token}: 401 without one; other paths 404,
 *       other methods 405.</li>
 * </ul>
 */
final class ImdsHandler extends Handler.Abstract {
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    private static final String CREDENTIALS = "/latest/meta-data/iam/security-credentials/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImdsTokens tokens;
    private final InstanceCredentials credentials;
    private final String roleName;
    private final String instanceId;
    private final String accountId;
    private final Clock clock;

    ImdsHandler(ImdsTokens tokens, InstanceCredentials credentials, ImdsSettings settings, String accountId,
                Clock clock) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.roleName = settings.role().substring(settings.role().lastIndexOf('/') + 1);
        this.instanceId = settings.instanceId();
        this.accountId = accountId;
        this.clock = clock;
    }

    private record Reply(int status, String contentType, String body) {
        static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply = answer(request);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put("Server", "EC2ws");
        if (reply.status() == 200 && "PUT".equals(request.getMethod())) {
            response.getHeaders().put(TTL_HEADER, request.getHeaders().get(TTL_HEADER));
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private Reply answer(Request request) {
        String path = withoutDoubledLeadingSlash(request.getHttpURI().getPath());
        if ("PUT".equals(request.getMethod()) && "/latest/api/token".equals(path)) {
            return token(request);
        }
        if (!"GET".equals(request.getMethod())) {
            return Reply.text(405, "Method Not Allowed");
        }
        if (!tokens.valid(Optional.ofNullable(request.getHeaders().get(TOKEN_HEADER)))) {
            return Reply.text(401, "Unauthorized");
        }
        return switch (path) {
            case "/latest/meta-data/instance-id" -> Reply.text(200, instanceId);
            case CREDENTIALS -> Reply.text(200, roleName);
            default -> path.equals(CREDENTIALS + roleName) ? roleCredentials() : Reply.text(404, "Not Found");
        };
    }

    /** {@code //latest/...} (an endpoint given with a trailing slash to an SDK that adds its own) as {@code /latest/...}. */
    private static String withoutDoubledLeadingSlash(String path) {
        return path.startsWith("//") ? path.substring(1) : path;
    }

    private Reply token(Request request) {
        if (request.getHeaders().get("X-Forwarded-For") != null) {
            return Reply.text(403, "Forbidden");
        }
        String ttl = request.getHeaders().get(TTL_HEADER);
        int seconds;
        try {
            seconds = Integer.parseInt(ttl == null ? "" : ttl.trim());
        } catch (NumberFormatException e) {
            return Reply.text(400, "Bad Request");
        }
        if (seconds < 1 || seconds > ImdsTokens.MAX_TTL_SECONDS) {
            return Reply.text(400, "Bad Request");
        }
        return Reply.text(200, tokens.issue(seconds));
    }

    private Reply roleCredentials() {
        InstanceCredentials.Answer answer = credentials.current(accountId);
        if (answer.credentials().isEmpty()) {
            ObjectNode problem = JSON.createObjectNode().put("Code", "AssumeRoleUnauthorizedAccess")
                    .put("Message", answer.problem())
                    .put("LastUpdated", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            return new Reply(404, "text/plain", problem.toPrettyString());
        }
        IssuedCredentials issued = answer.credentials().get();
        TemporaryCredentials c = issued.credentials();
        ObjectNode json = JSON.createObjectNode().put("Code", "Success")
                .put("LastUpdated", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("Type", "AWS-HMAC").put("AccessKeyId", c.accessKeyId()).put("SecretAccessKey", c.secretAccessKey())
                .put("Token", c.sessionToken()).put("Expiration", c.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
        return new Reply(200, "text/plain", json.toPrettyString());
    }
}
