package io.wsfleet.gateway.observe;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;

/** {@code GET /metrics} on the admin port, for Prometheus to scrape. */
public final class MetricsRoutes {
    /** The Prometheus text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/metrics", (request, response) -> {
            response.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            response.send(metrics.scrape());
        });
    }
}
