package io.wsfleet.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.protocol.JsonMappers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** JSON bodies of the gateway's HTTP answers (refused upgrades, health, publish API), properly escaped. */
public final class JsonResponses {
    private static final ObjectMapper JSON = JsonMappers.create();

    private JsonResponses() {
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static void send(ServerResponse response, Status status, ObjectNode body) {
        response.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body.toString());
    }

    /** {@code {"error": code, "message": message}}: the shape of every refusal. */
    public static void error(ServerResponse response, Status status, String code, String message) {
        send(response, status, object().put("error", code).put("message", message));
    }
}
