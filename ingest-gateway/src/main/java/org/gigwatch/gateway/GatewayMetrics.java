package org.gigwatch.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's Prometheus metrics; tag values come from fixed sets only, never from what a platform sent. */
final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter produceErrors = registry.counter("gigwatch.gateway.produce.errors");
    private final AtomicInteger inFlight = registry.gauge("gigwatch.gateway.batches.in.flight", new AtomicInteger());

    void accepted(EventKind kind, int published, int duplicates) {
        registry.counter("gigwatch.gateway.events.accepted", "kind", kind.path()).increment(published);
        registry.counter("gigwatch.gateway.events.duplicate", "kind", kind.path()).increment(duplicates);
    }

    /** Valid events that went to the dead-letter topic instead of their own. */
    void deadLettered(EventKind kind, int count) {
        if (count > 0) {
            registry.counter("gigwatch.gateway.events.dead.letter", "kind", kind.path()).increment(count);
        }
    }

    /** By field: a field of the kind's schema, or "unknown" for names the platform made up. */
    void rejected(EventKind kind, List<Rejection> rejections) {
        for (Rejection rejection : rejections) {
            String field = rejection.field().startsWith("data.") ? rejection.field().substring(5) : rejection.field();
            field = field.split("[.\\[]", 2)[0];
            String tag = kind.schema().getField(field) != null ? field : "unknown";
            registry.counter("gigwatch.gateway.events.rejected", "kind", kind.path(), "field", tag).increment();
        }
    }

    /** Events of batches refused with a 429: over the platform's rate limit. */
    void rateLimited(EventKind kind, int events) {
        registry.counter("gigwatch.gateway.events.rate.limited", "kind", kind.path()).increment(events);
    }

    void produceError() {
        produceErrors.increment();
    }

    /** A batch's time from the first byte read to the answer, by kind and HTTP status. */
    void batch(String kind, int status, Duration took) {
        Timer.builder("gigwatch.gateway.batch.latency").tags("kind", kind, "status", String.valueOf(status))
                .publishPercentileHistogram().register(registry).record(took);
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }
}
