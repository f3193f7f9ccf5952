package dev.stsbridge.verifier.federation;

import java.time.Clock;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.federation.FederationRefusal.FederationException;
import dev.stsbridge.verifier.signin.ConsoleSessions;
import dev.stsbridge.verifier.signin.PageHeaders;
import dev.stsbridge.verifier.sts.CredentialIssuer;

/**
 * AWS's console federation endpoint (mount at {@code /federation}): {@code Action=getSigninToken} answers 200
 * {@code {"SigninToken":"..."}}, {@code Action=login} opens a console session and redirects (303) to
 * {@code /console?session=<id>}. Parameters come from the query of a GET or the form body of a POST (AWS accepts
 * both). Refusals are 400 with a short text ({@code Invalid credentials parameter}, {@code Invalid X parameter}).
 * Every response carries the sign-in pages' security headers.
 */
public final class FederationHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(FederationHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_FORM_BYTES = 64 * 1024;
    private static final int MAX_FORM_FIELDS = 16;

    private final FederationFlow flow;

    public FederationHandler(CredentialIssuer credentials, ConsoleSessions sessions, Clock clock) {
        this.flow = new FederationFlow(credentials, sessions, clock);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!request.getHttpURI().getCanonicalPath().equals("/federation")) {
            return false;
        }
        boolean post = HttpMethod.POST.is(request.getMethod());
        if (!post && !HttpMethod.GET.is(request.getMethod())) {
            return send(response, callback, 405, "Method Not Allowed");
        }
        FederationParameters parameters;
        try {
            parameters = new FederationParameters(post
                    ? FormFields.getFields(request, MAX_FORM_FIELDS, MAX_FORM_BYTES)
                    : Request.extractQueryParameters(request));
        } catch (RuntimeException e) {
            return send(response, callback, post ? 413 : 400, post ? "Request Entity Too Large" : "Bad Request");
        }
        try {
            return act(parameters, request, response, callback);
        } catch (FederationException e) {
            LOG.info("federation request refused: {}", e.refusal().message());
            return send(response, callback, e.refusal().httpStatus(), e.refusal().message());
        }
    }

    private boolean act(FederationParameters parameters, Request request, Response response, Callback callback) {
        String action = parameters.required("Action");
        if (action.equals("getSigninToken")) {
            FederationFlow.IssuedToken issued = flow.getSigninToken(parameters);
            LOG.info("federation: sign-in token for {}", issued.grant().assumedRoleArn());
            return sendJson(response, callback, Map.of("SigninToken", issued.token()));
        }
        if (action.equals("login")) {
            FederationFlow.SignedIn signedIn = flow.login(parameters);
            LOG.info("federation: console sign-in as {} until {} (session {})", signedIn.grant().assumedRoleArn(),
                    signedIn.expiration(), signedIn.sessionId().substring(0, 6));
            PageHeaders.secure(response);
            Response.sendRedirect(request, response, callback, 303, "/console?session=" + signedIn.sessionId(), true);
            return true;
        }
        throw FederationRefusal.invalid("Action").exception();
    }

    private static boolean sendJson(Response response, Callback callback, Map<String, String> body) {
        try {
            response.setStatus(200);
            PageHeaders.secure(response);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, JSON.writeValueAsString(body), callback);
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean send(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        PageHeaders.secure(response);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, text, callback);
        return true;
    }
}
