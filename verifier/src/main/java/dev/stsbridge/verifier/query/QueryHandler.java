package dev.stsbridge.verifier.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.auth.AuthorizationHeader;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.auth.ReceivedRequest;
import dev.stsbridge.verifier.auth.SigV4Authenticator;

/**
 * The AWS Query endpoint ({@code POST /}, also {@code GET /} with the parameters in the query string), as one
 * readable flow: read the body under a size cap -> decode the parameters -> find the API by {@code Version} and the
 * action by {@code Action} -> authenticate (SigV4) -> validate the parameters against AWS's model -> run the action
 * -> render AWS's response or {@code ErrorResponse}. Refusals are logged here, once, with the request ID.
 */
public final class QueryHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private final Map<String, QueryService> servicesByVersion = new LinkedHashMap<>();
    private final QueryService fallback;
    private final SigV4Authenticator authenticator;
    private final ParameterValidator validator;
    private final BodyLimits limits;

    /**
     * @param services the APIs served; the first answers requests whose API cannot be told (no or unknown version)
     */
    public QueryHandler(List<QueryService> services, SigV4Authenticator authenticator, BodyLimits limits) {
        services.forEach(s -> servicesByVersion.put(s.version(), s));
        this.fallback = services.get(0);
        this.authenticator = authenticator;
        this.limits = limits;
        Map<String, ApiModel> models = new LinkedHashMap<>();
        services.forEach(s -> models.put(s.version(), s.model()));
        this.validator = new ParameterValidator(models);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        Reply reply = serve(request, requestId);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        response.getHeaders().put("x-amzn-RequestId", requestId);
        reply.detail().ifPresent(d -> response.getHeaders().put(DetailedRefusal.HEADER, d));
        byte[] bytes = reply.xml().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private record Reply(int status, String xml, Optional<String> detail) {
    }

    private Reply serve(Request request, String requestId) {
        QueryService service = serviceNamedBySignature(request).orElse(fallback);
        String action = "?";
        try {
            ReceivedRequest received = receive(request);
            QueryParameters parameters = parameters(request, received);
            action = parameters.get("Action").orElseThrow(() ->
                    AwsError.sender("MissingAction", "Missing Action", 400).exception());
            service = service(parameters, action);
            QueryAction operation = service.action(action)
                    .orElseThrow(invalidAction(action, service.version()));
            Caller caller = operation.signed() ? authenticator.authenticate(received, service.signingName())
                    : new Caller.Anonymous();
            validator.validate(service.version(), action, parameters);
            String xml = render(service, operation, new ActionCall(action, parameters, caller, requestId));
            LOG.debug("{} {} by {}: ok", requestId, action, caller.arn());
            return new Reply(200, xml, Optional.empty());
        } catch (AwsException e) {
            LOG.info("{} {} refused: {} {}", requestId, printable(action), e.error().code(),
                    printable(e.error().message()));
            return new Reply(e.error().httpStatus(), errorXml(service, e.error(), requestId), Optional.empty());
        } catch (DetailedRefusal e) {
            LOG.info("{} {} refused: {} {} ({})", requestId, printable(action), e.error().code(),
                    printable(e.error().message()), e.detail());
            return new Reply(e.error().httpStatus(), errorXml(service, e.error(), requestId), Optional.of(e.detail()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", requestId, printable(action), e);
            AwsError failure = new AwsError("Receiver", "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.", 500);
            return new Reply(500, errorXml(service, failure, requestId), Optional.empty());
        }
    }

    private ReceivedRequest receive(Request request) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"GET".equals(method)) {
            throw AwsError.sender("MethodNotAllowed", "The HTTP method " + method
                    + " is not allowed here; the Query API takes POST (or GET).", 405).exception();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        String host = Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST))
                .orElse(request.getHttpURI().getAuthority());
        String query = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
        return new ReceivedRequest(method, host, request.getHttpURI().getPath(), query, headers, readBody(request));
    }

    private byte[] readBody(Request request) {
        int limit = limits.limitFor(request.getHeaders().get(HttpHeader.AUTHORIZATION), authenticator::knows);
        long declared = request.getLength();
        if (declared > limit) {
            if (declared <= limit + BodyLimits.DRAIN_ALLOWANCE) {
                discard(request);
            }
            throw limits.tooLarge(declared, limit);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw limits.tooLarge(body.length, limit);
            }
            return body;
        } catch (IOException e) {
            throw AwsError.sender("IncompleteBody", "The request body could not be read: " + e.getMessage(), 400)
                    .exception();
        }
    }

    /**
     * Reads and drops a body that is only somewhat over its cap, so that the client, still sending it, reads our
     * 413 instead of a connection reset. Bodies far over the cap are refused without reading a byte.
     */
    private static void discard(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away; the 413 is all there is to say
        }
    }

    private static QueryParameters parameters(Request request, ReceivedRequest received) {
        String contentType = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("");
        boolean form = "POST".equals(received.method())
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        return QueryParameters.decode(received.rawQuery(), form ? utf8(received.body()) : "");
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw AwsError.sender("MalformedQueryString", "The request body is not UTF-8.", 404).exception();
        }
    }

    /**
     * The API a request's {@code Version} names. A missing or unknown version is AWS's {@code InvalidAction}
     * ("for version NO_VERSION_SPECIFIED" when absent), answered in the namespace of the API the signature names.
     */
    private QueryService service(QueryParameters parameters, String action) {
        String version = parameters.get("Version").orElse("NO_VERSION_SPECIFIED");
        QueryService service = servicesByVersion.get(version);
        if (service == null) {
            throw invalidAction(action, version).get();
        }
        return service;
    }

    private static java.util.function.Supplier<AwsException> invalidAction(String action, String version) {
        return () -> AwsError.sender("InvalidAction", "Could not find operation " + action + " for version " + version,
                400).exception();
    }

    private Optional<QueryService> serviceNamedBySignature(Request request) {
        return Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION))
                .flatMap(AuthorizationHeader::peekScope)
                .flatMap(scope -> servicesByVersion.values().stream()
                        .filter(s -> s.signingName().equals(scope.service())).findFirst());
    }

    private static String render(QueryService service, QueryAction operation, ActionCall call) {
        XmlWriter xml = new XmlWriter().start(operation.name() + "Response", service.namespace());
        if (operation.hasResult()) {
            xml.start(operation.name() + "Result");
            operation.handler().handle(call, xml);
            xml.end();
        } else {
            operation.handler().handle(call, new XmlWriter());
        }
        return xml.start("ResponseMetadata").element("RequestId", call.requestId()).end().end().toXml();
    }

    /** Request-supplied text as it may appear in a log line: printable ASCII only, at most 300 characters. */
    private static String printable(String text) {
        return DetailedRefusal.printable(text);
    }

    private static String errorXml(QueryService service, AwsError error, String requestId) {
        return new XmlWriter().start("ErrorResponse", service.namespace())
                .start("Error").element("Type", error.type()).element("Code", error.code())
                .element("Message", error.message()).end()
                .element("RequestId", requestId)
                .end().toXml();
    }
}
