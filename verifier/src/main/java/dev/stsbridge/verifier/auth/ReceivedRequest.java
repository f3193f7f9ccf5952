package dev.stsbridge.verifier.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request exactly as received, for signature verification: what SigV4 covers (method, path, raw query
 * string, headers, body bytes).
 *
 * @param method the HTTP method
 * @param host the Host header's value (host, or host:port)
 * @param rawPath the request path as sent, still percent-encoded
 * @param rawQuery the query string as sent, still percent-encoded (empty when there is none)
 * @param headers header values by lower-case name, in the order received
 * @param body the body bytes
 */
public record ReceivedRequest(String method, String host, String rawPath, String rawQuery,
                              Map<String, List<String>> headers, byte[] body) {
    public ReceivedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                k -> new java.util.ArrayList<>()).addAll(values));
        lower.replaceAll((k, v) -> List.copyOf(v));
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /** The first value of a header (name case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All values of a header (name case-insensitive), empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
