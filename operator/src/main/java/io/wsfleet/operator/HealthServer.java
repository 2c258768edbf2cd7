package io.wsfleet.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * /healthz (informers healthy), /readyz (started) and /metrics (Prometheus) for the kubelet and scrapers.
 * Every answer comes within {@link #ANSWER_WITHIN}, also while the operator is starting: JOSDK's runtime
 * information waits on the locks its start-up holds (for as long as informers take to sync, minutes
 * without an API server), so the checks run on threads of their own and a check that takes too long
 * answers DOWN.
 */
public final class HealthServer implements AutoCloseable {

    /** Below the kubelet's default probe timeout (1 s), with room for the network. */
    static final Duration ANSWER_WITHIN = Duration.ofMillis(300);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final BoundedCheck healthy;
    private final BoundedCheck started;

    private HealthServer(HttpServer server, ExecutorService handlers, BoundedCheck healthy, BoundedCheck started) {
        this.server = server;
        this.handlers = handlers;
        this.healthy = healthy;
        this.started = started;
    }

    public static HealthServer start(int port, Operator operator, PrometheusMeterRegistry registry) throws IOException {
        // JOSDK answers about informers only once started (followers of the leader election run theirs too)
        BoundedCheck healthy = new BoundedCheck("healthz", ANSWER_WITHIN,
                () -> operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy());
        BoundedCheck started = new BoundedCheck("readyz", ANSWER_WITHIN, () -> operator.getRuntimeInfo().isStarted());
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz", exchange -> probe(exchange, healthy));
        server.createContext("/readyz", exchange -> probe(exchange, started));
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4", registry.scrape()));
        // Platform threads: on Java 21 a virtual thread that blocks on a monitor pins its carrier, and while
        // the operator's start-up does so on every carrier, virtual handlers (even /metrics) would not run.
        ExecutorService handlers = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("health-", 0).factory());
        server.setExecutor(handlers);
        server.start();
        return new HealthServer(server, handlers, healthy, started);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange exchange, BoundedCheck check) throws IOException {
        boolean up = check.passes();
        send(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        healthy.close();
        started.close();
    }
}
