package io.wsfleet.gateway.observe;

import java.time.Instant;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
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
        routing.get("/health", (request, response) -> {
            String status = node.draining() ? "draining" : node.brokerHealthy() ? "ok" : "degraded";
            json(response, Status.OK_200, "{\"status\":\"" + status + "\""
                    + ",\"timestamp\":\"" + Instant.now() + "\""
                    + ",\"connections\":" + node.connectionCount()
                    + ",\"online_users\":" + node.onlineUsers()
                    + ",\"broker\":\"" + node.brokerKind() + "\""
                    + ",\"redis\":\"" + redisState() + "\"}");
        });
        routing.get("/health/live", (request, response) -> json(response, Status.OK_200, "{\"status\":\"UP\"}"));
        routing.get("/health/ready", (request, response) -> {
            if (node.draining()) {
                json(response, Status.SERVICE_UNAVAILABLE_503, "{\"status\":\"DOWN\",\"reason\":\"draining\"}");
            } else if (!node.brokerHealthy()) {
                json(response, Status.SERVICE_UNAVAILABLE_503, "{\"status\":\"DOWN\",\"reason\":\"broker unavailable\"}");
            } else {
                json(response, Status.OK_200, "{\"status\":\"UP\"}");
            }
        });
    }

    private String redisState() {
        if (!"redis".equals(node.brokerKind())) {
            return "not_configured";
        }
        return node.brokerHealthy() ? "ok" : "error";
    }

    private static void json(ServerResponse response, Status status, String body) {
        response.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }
}
