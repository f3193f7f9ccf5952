package dev.stsbridge.app.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The redirect URI of a native app (RFC 8252 §7.3): {@code http://127.0.0.1:<free port>/callback}, listening on
 * loopback only, for the one authorization response. The browser gets a short page saying where to look next.
 */
final class LoopbackCallback implements AutoCloseable {

    static final String PATH = "/callback";

    private final HttpServer server;
    private final CompletableFuture<Map<String, String>> response = new CompletableFuture<>();

    private LoopbackCallback(HttpServer server) {
        this.server = server;
    }

    static LoopbackCallback start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackCallback callback = new LoopbackCallback(server);
            server.createContext(PATH, callback::handle);
            server.start();
            return callback;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1 for the redirect: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>/callback} */
    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** The query parameters of the first request to the callback, waiting at most {@code timeout}. */
    Map<String, String> await(Duration timeout) {
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TokenFailure("no sign-in came back to " + redirectUri() + " within " + timeout.toSeconds()
                    + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenFailure("interrupted while waiting for the sign-in", e);
        } catch (ExecutionException e) {
            throw new TokenFailure("the redirect could not be read: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean first = response.complete(query(Optional.ofNullable(exchange.getRequestURI().getRawQuery())
                    .orElse("")));
            byte[] page = ("<!doctype html><title>stsbridge token</title><p>" + (first
                    ? "Signed in. You may close this window and return to the terminal."
                    : "This sign-in was already answered.") + "</p>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(first ? 200 : 400, page.length);
            exchange.getResponseBody().write(page);
        }
    }

    /** {@code a=1&b=x%20y} -> {a=1, b=x y}; a repeated parameter keeps its first value. */
    static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                parameters.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
