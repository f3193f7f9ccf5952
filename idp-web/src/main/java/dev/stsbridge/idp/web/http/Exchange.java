package dev.stsbridge.idp.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.html.Templates;

/**
 * One request and its response, as an endpoint sees them: parameters, cookies, the client's address, and one way to
 * answer (an HTML page, bytes, a redirect). Not thread-safe; lives for one request.
 */
public final class Exchange {

    /** Longest form body we read (an HTTP-POST SAMLRequest is the largest legitimate one). */
    static final int MAX_FORM_BYTES = 256 * 1024;
    private static final int MAX_FORM_FIELDS = 32;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String requestId;
    private final Templates templates;
    private Fields query;
    private boolean answered;

    Exchange(Request request, Response response, Callback callback, String requestId, Templates templates) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.requestId = requestId;
        this.templates = templates;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return Request.getPathInContext(request);
    }

    /** The request's ID ({@code X-Request-Id}), for logs and error pages. */
    public String requestId() {
        return requestId;
    }

    /** A query parameter (the first value), if present. */
    public Optional<String> query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return Optional.ofNullable(query.getValue(name));
    }

    /** The query string exactly as sent (still URL-encoded), or "" without one. */
    public String rawQuery() {
        return Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
    }

    /** A field of an {@code application/x-www-form-urlencoded} body (the first value), if present. */
    public Optional<String> form(String name) {
        Fields fields = FormFields.getFields(request, MAX_FORM_FIELDS, MAX_FORM_BYTES);
        return Optional.ofNullable(fields.getValue(name));
    }

    /**
     * The request body, at most {@code maxBytes} of it.
     *
     * @throws HttpError 413 when the body is longer
     */
    public byte[] body(int maxBytes) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new HttpError(413, "Too large", "The request body is larger than " + maxBytes + " bytes.");
            }
            return body;
        } catch (IOException e) {
            throw HttpError.badRequest("The request body could not be read: " + e.getMessage());
        }
    }

    /** The request's media type ({@code Content-Type} without parameters, lower case), or "" without one. */
    public String mediaType() {
        String type = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The client's IP address, as the TCP connection shows it (no proxy headers are trusted). */
    public String clientAddress() {
        return Request.getRemoteAddr(request);
    }

    /** Whether the request came over TLS. */
    public boolean secure() {
        return request.isSecure();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    public Optional<String> cookie(String name) {
        List<HttpCookie> cookies = Request.getCookies(request);
        return cookies.stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void setCookie(HttpCookie cookie) {
        Response.addCookie(response, cookie);
    }

    /** {@code Cache-Control: no-store}: for every page that carries an assertion or a secret. */
    public void noStore() {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.PRAGMA, "no-cache");
    }

    /** Renders the template {@code name} with the page's values and sends it. */
    public void html(int status, String name, Page page) {
        send(status, "text/html; charset=utf-8", templates.render(name, page.values())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A 303 redirect to a path of this server (or an absolute URL the caller has checked). */
    public void redirect(String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        send(303, "text/plain; charset=utf-8", new byte[0]);
    }

    public void send(int status, String contentType, byte[] body) {
        if (answered) {
            throw new IllegalStateException("the response to " + path() + " was already sent");
        }
        answered = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    boolean answered() {
        return answered;
    }
}
