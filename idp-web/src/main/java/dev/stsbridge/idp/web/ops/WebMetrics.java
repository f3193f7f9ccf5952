package dev.stsbridge.idp.web.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The IdP's metrics (Micrometer, scraped as Prometheus text at {@code /metrics}):
 * {@code stsbridge_logins_total{outcome}} (ok, failed, throttled, locked, error),
 * {@code stsbridge_assertions_issued_total{sp}}, {@code stsbridge_preflight_refusals_total},
 * {@code stsbridge_sso_seconds} (a histogram of the time to answer an SSO request, signing included), and
 * {@code stsbridge_sessions} (live sessions).
 */
public final class WebMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> logins = new ConcurrentHashMap<>();
    private final Map<String, Counter> issued = new ConcurrentHashMap<>();
    private final Counter refusals;
    private final Timer sso;

    public WebMetrics(java.util.function.Supplier<Number> liveSessions) {
        refusals = Counter.builder("stsbridge.preflight.refusals").description("assertions refused by the "
                + "pre-flight check of AWS's rules").register(registry);
        sso = Timer.builder("stsbridge.sso").description("time to answer an SSO request (build, sign, page)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        registry.gauge("stsbridge.sessions", liveSessions, s -> s.get().doubleValue());
    }

    public void login(String outcome) {
        logins.computeIfAbsent(outcome, o -> Counter.builder("stsbridge.logins").tag("outcome", o)
                .description("login attempts by outcome").register(registry)).increment();
    }

    public void issued(String sp) {
        issued.computeIfAbsent(sp, s -> Counter.builder("stsbridge.assertions.issued").tag("sp", s)
                .description("signed assertions issued").register(registry)).increment();
    }

    public void refused() {
        refusals.increment();
    }

    public void ssoTime(long nanos) {
        sso.record(Duration.ofNanos(nanos));
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
