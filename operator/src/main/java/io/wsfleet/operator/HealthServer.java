package io.wsfleet.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** /healthz (informers healthy), /readyz (started) and /metrics (Prometheus) for the kubelet and scrapers. */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    public static HealthServer start(int port, Operator operator, PrometheusMeterRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        // JOSDK answers about informers only once started (followers of the leader election run theirs too)
        server.createContext("/healthz", exchange -> probe(exchange,
                () -> operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy()));
        server.createContext("/readyz", exchange -> probe(exchange, () -> operator.getRuntimeInfo().isStarted()));
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4", registry.scrape()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return new HealthServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean up = check.getAsBoolean();
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
    }
}
