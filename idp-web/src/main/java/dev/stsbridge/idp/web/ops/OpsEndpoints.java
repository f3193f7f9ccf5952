package dev.stsbridge.idp.web.ops;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.directory.DirectoryHealth;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.state.StateHealth;

/** {@code /healthz}, {@code /metrics} and {@code /saml2/metadata}. */
public final class OpsEndpoints {

    public static final String METADATA_CONTENT_TYPE = "application/samlmetadata+xml";
    public static final String METADATA_FILE_NAME = "stsbridge-idp-metadata.xml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdpApplication idp;
    private final WebMetrics metrics;
    private final StateHealth.Check state;

    public OpsEndpoints(IdpApplication idp, WebMetrics metrics, StateHealth.Check state) {
        this.idp = idp;
        this.metrics = metrics;
        this.state = state;
    }

    /**
     * {@code /healthz}: 200 with {@code "status":"ok"} when the shared state database (if any) and the directory
     * answer and the signing key is loaded and its certificate valid now; otherwise 503 with {@code
     * "status":"unavailable"} and the first failing check's reason on one line.
     */
    public Endpoint health() {
        return exchange -> {
            StateHealth shared = state.check();
            DirectoryHealth directory = idp.directory().health();
            X509Certificate certificate = idp.keys().current().certificate();
            Instant now = idp.clock().instant();
            boolean keyValid = !now.isBefore(certificate.getNotBefore().toInstant())
                    && now.isBefore(certificate.getNotAfter().toInstant());
            Map<String, Object> body = new LinkedHashMap<>();
            boolean ok = shared.available() && directory.available() && keyValid;
            body.put("status", ok ? "ok" : "unavailable");
            if (!ok) {
                body.put("reason", reason(shared, directory, certificate));
            }
            body.put("state", stateJson(shared));
            body.put("directory", Map.of("available", directory.available(), "detail", directory.detail(),
                    "latency_ms", directory.latency().toMillis()));
            body.put("signing_key", Map.of("loaded", true, "id", idp.keys().current().id(), "certificate_valid",
                    keyValid, "not_after", certificate.getNotAfter().toInstant().toString()));
            exchange.setHeader("Cache-Control", "no-store");
            exchange.send(ok ? 200 : 503, "application/json", json(body));
        };
    }

    private static Map<String, Object> stateJson(StateHealth shared) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("kind", shared.kind());
        state.put("available", shared.available());
        state.put("detail", shared.detail());
        state.put("latency_ms", shared.latency().toMillis());
        return state;
    }

    private static String reason(StateHealth shared, DirectoryHealth directory, X509Certificate certificate) {
        if (!shared.available()) {
            return "shared state database unavailable: " + shared.detail();
        }
        if (!directory.available()) {
            return "directory unavailable: " + directory.detail();
        }
        return "the signing certificate is not valid now (valid " + certificate.getNotBefore().toInstant() + " to "
                + certificate.getNotAfter().toInstant() + ")";
    }

    /** {@code /metrics}: Prometheus text format 0.0.4. */
    public Endpoint metrics() {
        return exchange -> exchange.send(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code /saml2/metadata}: the signed metadata, byte for byte what {@code metadata export --sign} writes. It is
     * built in the background while the server starts (OpenSAML's start takes about a second); a download in that
     * second waits for it, while sign-ins are already answered.
     */
    public Endpoint metadata() {
        return exchange -> {
            byte[] metadata = idp.signedMetadata();
            exchange.setHeader("Content-Disposition", "attachment; filename=" + METADATA_FILE_NAME);
            exchange.send(200, METADATA_CONTENT_TYPE, metadata);
        };
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
