package dev.stsbridge.idp.web.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.stsbridge.idp.state.StateUnavailableException;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.html.Templates;

/**
 * The IdP's one Jetty handler: gives the request an ID (the client's {@code X-Request-Id} when it is a short token,
 * else a new one; echoed in the response and put in the logging MDC as {@code requestId}), sets the security
 * headers, routes by exact path and method, and renders failures: an {@link HttpError} as its page, the shared
 * state database being unavailable as a 503 page (logged once per outage), anything else as a 500 page naming the
 * request ID (logged once, here).
 */
public final class WebHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(WebHandler.class);
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final Map<String, Map<String, Endpoint>> routes = new HashMap<>();
    private static final Duration STATE_OUTAGE_QUIET = Duration.ofMinutes(1);

    private final Templates templates;
    private final AtomicLong lastStateFailureNanos = new AtomicLong();

    public WebHandler(Templates templates) {
        this.templates = templates;
    }

    /** Routes {@code GET path} (and HEAD) to the endpoint. */
    public WebHandler get(String path, Endpoint endpoint) {
        return route("GET", path, endpoint);
    }

    public WebHandler post(String path, Endpoint endpoint) {
        return route("POST", path, endpoint);
    }

    private WebHandler route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, endpoint);
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = requestId(request);
        response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        SecurityHeaders.apply(response.getHeaders(), request.isSecure());
        Exchange exchange = new Exchange(request, response, callback, requestId, templates);
        MDC.put("requestId", requestId);
        try {
            route(exchange).handle(exchange);
        } catch (HttpError e) {
            errorPage(exchange, e);
        } catch (StateUnavailableException e) {
            stateUnavailable(exchange, e);
        } catch (Exception | Error e) {
            LOG.error("request {} {} failed: {}", exchange.method(), exchange.path(), e.toString(), e);
            errorPage(exchange, new HttpError(500, "Internal error", "Something went wrong on our side. "
                    + "Quote request ID " + requestId + " when you report it."));
        } finally {
            MDC.remove("requestId");
        }
        return true;
    }

    /** 503: the shared database is down. Logged once per outage (the first failure after a minute without one). */
    private void stateUnavailable(Exchange exchange, StateUnavailableException e) {
        long now = System.nanoTime();
        long previous = lastStateFailureNanos.getAndSet(now);
        if (previous == 0 || now - previous > STATE_OUTAGE_QUIET.toNanos()) {
            LOG.error("request {} {}: {} (SQLSTATE {}); answering 503 until it is back", exchange.method(),
                    exchange.path(), e.getMessage(), e.sqlState());
        }
        exchange.setHeader("Retry-After", "30");
        errorPage(exchange, new HttpError(503, "Temporarily unavailable", "The sign-in service cannot reach its "
                + "database right now. Try again in a minute; quote request ID " + exchange.requestId()
                + " if it persists."));
    }

    private Endpoint route(Exchange exchange) {
        Map<String, Endpoint> byMethod = routes.get(exchange.path());
        if (byMethod == null) {
            throw new HttpError(404, "Not found", "There is no page at " + exchange.path() + ".");
        }
        String method = exchange.method().equals("HEAD") ? "GET" : exchange.method();
        Endpoint endpoint = byMethod.get(method);
        if (endpoint == null) {
            exchange.setHeader("Allow", String.join(", ", byMethod.keySet().stream().sorted().toList()));
            throw new HttpError(405, "Method not allowed", exchange.method() + " is not allowed on "
                    + exchange.path() + ".");
        }
        return endpoint;
    }

    private static void errorPage(Exchange exchange, HttpError error) {
        if (exchange.answered()) {
            return;
        }
        if (error.status() >= 400 && error.status() < 500 && error.status() != 404) {
            LOG.info("request {} {} refused ({}): {}", exchange.method(), exchange.path(), error.status(),
                    error.getMessage());
        }
        exchange.noStore();
        exchange.html(error.status(), "error", Page.titled(error.title())
                .with("message", error.getMessage()).with("requestId", exchange.requestId()));
    }

    private static String requestId(Request request) {
        String sent = request.getHeaders().get(REQUEST_ID_HEADER);
        return Optional.ofNullable(sent).filter(s -> CLIENT_REQUEST_ID.matcher(s).matches())
                .orElseGet(() -> Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
    }
}
