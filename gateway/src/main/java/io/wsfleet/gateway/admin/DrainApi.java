package io.wsfleet.gateway.admin;

import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.wsfleet.gateway.fleet.Drain;
import io.wsfleet.gateway.http.JsonResponses;
import io.wsfleet.gateway.node.Node;

/**
 * {@code POST /admin/drain} on the admin port, with the publish API key: starts the paced drain that
 * SIGTERM starts (an operator drains a gateway before deleting its pod), and answers 202 at once with
 * the connections to close and how long the drain takes. Asking again while it runs changes nothing.
 * The gateway keeps running, not ready, until it is stopped.
 */
public final class DrainApi {
    private final Drain drain;
    private final Node node;
    private final ApiKeyCheck apiKey;

    public DrainApi(Drain drain, Node node, Optional<String> apiKey) {
        this.drain = drain;
        this.node = node;
        this.apiKey = new ApiKeyCheck(apiKey);
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/admin/drain", (request, response) -> {
            if (!apiKey.admitted(request, response)) {
                return;
            }
            drain.start();
            JsonResponses.send(response, Status.ACCEPTED_202, JsonResponses.object()
                    .put("status", "draining")
                    .put("connections", node.connectionCount())
                    .put("drain_seconds", drain.length().toSeconds()));
        });
    }
}
