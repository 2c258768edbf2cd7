package io.wsfleet.gateway.observe;

import java.time.Instant;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.wsfleet.gateway.http.JsonResponses;
import io.wsfleet.gateway.node.Node;

/**
 * Health on the admin port: {@code /health} in the seed's shape for people and dashboards, and the
 * Kubernetes probes {@code /health/live} (the process serves) and {@code /health/ready} (it accepts
 * new connections: false while draining or while the broker is unreachable).
 */
public final class HealthRoutes {
    private final Node node;

    public HealthRoutes(Node node) {
        this.node = node;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/health", (request, response) -> JsonResponses.send(response, Status.OK_200,
                JsonResponses.object()
                        .put("status", node.draining() ? "draining" : node.brokerHealthy() ? "ok" : "degraded")
                        .put("timestamp", Instant.now().toString())
                        .put("connections", node.connectionCount())
                        .put("users", node.localUsers())
                        .put("rooms", node.localRooms())
                        .put("broker", node.brokerKind())
                        .put("redis", redisState())));
        routing.get("/health/live", (request, response) ->
                JsonResponses.send(response, Status.OK_200, JsonResponses.object().put("status", "UP")));
        routing.get("/health/ready", (request, response) -> {
            if (node.draining()) {
                down(response, "draining");
            } else if (!node.brokerHealthy()) {
                down(response, "broker unavailable");
            } else {
                JsonResponses.send(response, Status.OK_200, JsonResponses.object().put("status", "UP"));
            }
        });
    }

    private static void down(io.helidon.webserver.http.ServerResponse response, String reason) {
        JsonResponses.send(response, Status.SERVICE_UNAVAILABLE_503,
                JsonResponses.object().put("status", "DOWN").put("reason", reason));
    }

    private String redisState() {
        if (!"redis".equals(node.brokerKind())) {
            return "not_configured";
        }
        return node.brokerHealthy() ? "ok" : "error";
    }
}
