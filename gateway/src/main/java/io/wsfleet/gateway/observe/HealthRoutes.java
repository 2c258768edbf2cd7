package io.wsfleet.gateway.observe;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.wsfleet.gateway.auth.JwksKeySet;
import io.wsfleet.gateway.http.JsonResponses;
import io.wsfleet.gateway.node.Node;

/**
 * Health on the admin port: {@code /health} in the seed's shape for people and dashboards, and the
 * Kubernetes probes {@code /health/live} (the process serves) and {@code /health/ready} (it accepts
 * new connections: false while draining or while the broker is unreachable). With a JSON Web Key Set,
 * {@code /health} also shows whether a set is in use and the last fetch's error; readiness does not
 * depend on it (every gateway fetches the same set, so none would be better to send clients to).
 */
public final class HealthRoutes {
    private final Node node;
    private final Optional<JwksKeySet> keySet;

    public HealthRoutes(Node node, Optional<JwksKeySet> keySet) {
        this.node = node;
        this.keySet = keySet;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/health", (request, response) -> {
            ObjectNode health = JsonResponses.object()
                    .put("status", overallStatus())
                    .put("timestamp", Instant.now().toString())
                    .put("connections", node.connectionCount())
                    .put("users", node.localUsers())
                    .put("rooms", node.localRooms())
                    .put("broker", node.brokerKind())
                    .put("redis", redisState());
            keySet.ifPresent(keys -> health.set("jwks", jwks(keys.status())));
            JsonResponses.send(response, Status.OK_200, health);
        });
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

    /** Degraded while the broker is away or no token can be verified for want of a key set. */
    private String overallStatus() {
        if (node.draining()) {
            return "draining";
        }
        boolean keysMissing = keySet.map(keys -> keys.status().failing()).orElse(false);
        return node.brokerHealthy() && !keysMissing ? "ok" : "degraded";
    }

    /** ok (the last fetch gave a set), stale (it failed; the earlier set is in use) or failing (no set at all). */
    private static ObjectNode jwks(JwksKeySet.Status status) {
        ObjectNode jwks = JsonResponses.object()
                .put("status", status.failing() ? "failing" : status.lastFetchFailed() ? "stale" : "ok")
                .put("keys", status.keys())
                .put("fetch_failures", status.failures());
        status.loadedAt().ifPresent(at -> jwks.put("loaded_at", at.toString()));
        status.lastError().ifPresent(error -> jwks.put("last_error", error));
        return jwks;
    }

    private String redisState() {
        if (!"redis".equals(node.brokerKind())) {
            return "not_configured";
        }
        return node.brokerHealthy() ? "ok" : "error";
    }
}
