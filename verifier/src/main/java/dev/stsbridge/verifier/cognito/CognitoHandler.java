package dev.stsbridge.verifier.cognito;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.auth.ReceivedRequest;
import dev.stsbridge.verifier.auth.SigV4Authenticator;
import dev.stsbridge.verifier.cognito.CognitoState.Pool;
import dev.stsbridge.verifier.query.DetailedRefusal;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/**
 * Cognito Identity's JSON 1.1 protocol at {@code POST /} ({@code X-Amz-Target: AWSCognitoIdentityService.<Op>},
 * {@code Content-Type: application/x-amz-json-1.1}): read the body (at most {@value #MAX_BODY} bytes) -> the
 * operation -> SigV4 (service {@code cognito-identity}) for the pool administration calls, whose IAM users and role
 * sessions need {@code cognito-identity:<Op>} on the pool -> run -> JSON answer, or
 * {@code {"__type": code, "message": text}}. GetId, GetOpenIdToken and GetCredentialsForIdentity are unsigned.
 */
public final class CognitoHandler extends Handler.Abstract {
    public static final String TARGET_PREFIX = "AWSCognitoIdentityService.";
    static final int MAX_BODY = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CognitoHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityPools pools;
    private final CognitoFlows flows;
    private final SigV4Authenticator authenticator;

    public CognitoHandler(IdentityPools pools, CognitoFlows flows, SigV4Authenticator authenticator) {
        this.pools = pools;
        this.flows = flows;
        this.authenticator = authenticator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        String operation = Optional.ofNullable(request.getHeaders().get("X-Amz-Target")).orElse("")
                .substring(TARGET_PREFIX.length());
        int status = 200;
        JsonNode answer;
        try {
            answer = serve(request, operation);
        } catch (AwsException e) {
            LOG.info("{} Cognito {} refused: {} {}", requestId, DetailedRefusal.printable(operation), e.error().code(),
                    DetailedRefusal.printable(e.error().message()));
            status = e.error().httpStatus();
            answer = JSON.createObjectNode().put("__type", e.error().code()).put("message", e.error().message());
        }
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.1");
        response.getHeaders().put("x-amzn-RequestId", requestId);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private JsonNode serve(Request request, String operation) {
        ReceivedRequest received = receive(request);
        JsonNode input = parse(received.body());
        return switch (operation) {
            case "GetId" -> object().put("IdentityId", flows.getId(required(input, "IdentityPoolId"), logins(input)));
            case "GetOpenIdToken" -> object().put("IdentityId", required(input, "IdentityId"))
                    .put("Token", flows.getOpenIdToken(required(input, "IdentityId"), logins(input)));
            case "GetCredentialsForIdentity" -> credentials(input);
            default -> administer(operation, received, input);
        };
    }

    private JsonNode administer(String operation, ReceivedRequest received, JsonNode input) {
        if (!List.of("CreateIdentityPool", "DescribeIdentityPool", "ListIdentityPools", "DeleteIdentityPool",
                "SetIdentityPoolRoles", "GetIdentityPoolRoles").contains(operation)) {
            throw AwsError.sender("UnknownOperationException", "Unknown operation " + operation, 400).exception();
        }
        Caller caller = authenticator.authenticate(received, "cognito-identity");
        String account = caller.accountId();
        String poolId = input.path("IdentityPoolId").asText("*");
        authorize(caller, operation, "arn:aws:cognito-identity:" + IdentityPools.REGION + ":" + account
                + ":identitypool/" + poolId);
        return switch (operation) {
            case "CreateIdentityPool" -> pool(pools.create(account, required(input, "IdentityPoolName"),
                    input.path("AllowUnauthenticatedIdentities").asBoolean(false),
                    // AWS refuses GetOpenIdToken only when AllowClassicFlow was given as false: a pool created
                    // without it allows the basic flow (aws/aws-cli#7652); DescribeIdentityPool then says true here
                    input.path("AllowClassicFlow").asBoolean(true), strings(input.path("OpenIdConnectProviderARNs")),
                    map(input.path("IdentityPoolTags"))));
            case "DescribeIdentityPool" -> pool(pools.require(account, required(input, "IdentityPoolId")));
            case "ListIdentityPools" -> list(account);
            case "DeleteIdentityPool" -> {
                pools.delete(account, required(input, "IdentityPoolId"));
                yield object();
            }
            case "SetIdentityPoolRoles" -> {
                pools.setRoles(account, required(input, "IdentityPoolId"), map(input.path("Roles")));
                yield object();
            }
            default -> roles(pools.require(account, required(input, "IdentityPoolId")));
        };
    }

    private static void authorize(Caller caller, String operation, String resource) {
        String action = "cognito-identity:" + operation;
        if (caller instanceof Caller.IamUser user) {
            user.authorize(action, resource);
        } else if (caller instanceof Caller.RoleSession session) {
            session.authorize(action, resource);
        }
    }

    private JsonNode credentials(JsonNode input) {
        String identityId = required(input, "IdentityId");
        TemporaryCredentials c = flows.getCredentialsForIdentity(identityId, logins(input),
                Optional.ofNullable(input.path("CustomRoleArn").textValue()));
        ObjectNode out = object().put("IdentityId", identityId);
        out.putObject("Credentials").put("AccessKeyId", c.accessKeyId()).put("SecretKey", c.secretAccessKey())
                .put("SessionToken", c.sessionToken()).put("Expiration", c.expiration().getEpochSecond());
        return out;
    }

    private static ObjectNode pool(Pool p) {
        ObjectNode out = object().put("IdentityPoolId", p.id()).put("IdentityPoolName", p.name())
                .put("AllowUnauthenticatedIdentities", p.allowUnauthenticated())
                .put("AllowClassicFlow", p.allowClassicFlow());
        p.openIdConnectProviderArns().forEach(out.putArray("OpenIdConnectProviderARNs")::add);
        if (!p.tags().isEmpty()) {
            ObjectNode tags = out.putObject("IdentityPoolTags");
            p.tags().forEach(tags::put);
        }
        return out;
    }

    private JsonNode list(String account) {
        ObjectNode out = object();
        var array = out.putArray("IdentityPools");
        pools.list(account).forEach(p -> array.addObject().put("IdentityPoolId", p.id())
                .put("IdentityPoolName", p.name()));
        return out;
    }

    private static JsonNode roles(Pool p) {
        ObjectNode out = object().put("IdentityPoolId", p.id());
        ObjectNode roles = out.putObject("Roles");
        p.roles().forEach(roles::put);
        return out;
    }

    private static ReceivedRequest receive(Request request) {
        if (!"POST".equals(request.getMethod())) {
            throw AwsError.sender("MethodNotAllowed", "Cognito Identity takes POST.", 405).exception();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        String host = Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST))
                .orElse(request.getHttpURI().getAuthority());
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw AwsError.sender("RequestEntityTooLarge", "The request body is over " + MAX_BODY + " bytes.", 413)
                        .exception();
            }
            return new ReceivedRequest("POST", host, request.getHttpURI().getPath(),
                    Optional.ofNullable(request.getHttpURI().getQuery()).orElse(""), headers, body);
        } catch (IOException e) {
            throw CognitoErrors.invalidParameter("The request body could not be read.");
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw CognitoErrors.invalidParameter("The request body is not a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw AwsError.sender("SerializationException", "The request body is not JSON.", 400).exception();
        }
    }

    private static String required(JsonNode input, String name) {
        JsonNode value = input.path(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw CognitoErrors.invalidParameter("1 validation error detected: Value null at '"
                    + Character.toLowerCase(name.charAt(0)) + name.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static Map<String, String> logins(JsonNode input) {
        return map(input.path("Logins"));
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
