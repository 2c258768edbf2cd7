package io.wsfleet.gateway.admin;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.http.JsonResponses;
import io.wsfleet.gateway.node.HistoryAnswers;
import io.wsfleet.gateway.node.Node;
import io.wsfleet.gateway.protocol.FrameCodec;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.room.RoomIds;

/**
 * The server-side publish API on the admin port, for application backends: broadcast to everyone,
 * send to every device of a user, send to a room's members. Calls carry {@code Authorization: Bearer
 * <api key>}; without a configured key every call is refused.
 *
 * <p>Body: {@code {"type": "notification" | "room_message", "payload": {...}, "from": "billing"}};
 * {@code type} defaults to {@code notification} and {@code from} to {@code system}. Answer: 202 with the
 * server {@code message_id}. Bodies larger than the admin socket's payload limit get 413 from the server.
 *
 * <p>{@code GET /api/rooms/{id}/messages?limit=L&before=N} reads a room's kept messages:
 * {@code {"room_id", "messages": [...], "position": {...}}}, newest last, as a {@code history} message
 * answers a client.
 */
public final class PublishApi {
    static final int HISTORY_LIMIT = 1000;
    static final int DEFAULT_HISTORY_LIMIT = 100;
    /** The most one history answer carries; the caller pages back with {@code before}. */
    static final long HISTORY_MAX_BYTES = 4 * 1024 * 1024;
    private final Node node;
    private final ApiKeyCheck apiKey;
    private final FrameCodec codec = new FrameCodec();

    public PublishApi(Node node, Optional<String> apiKey) {
        this.node = node;
        this.apiKey = new ApiKeyCheck(apiKey);
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/api/broadcast", (request, response) -> publish(request, response, Topic.BROADCAST));
        routing.post("/api/users/{userId}/messages", (request, response) ->
                publish(request, response, new Topic.User(request.path().pathParameters().get("userId"))));
        routing.post("/api/rooms/{roomId}/messages", (request, response) -> {
            String roomId = request.path().pathParameters().get("roomId");
            if (!RoomIds.valid(roomId)) {
                error(response, Status.BAD_REQUEST_400, "invalid_room_id", "not a valid room id");
                return;
            }
            publish(request, response, new Topic.Room(roomId));
        });
        routing.get("/api/rooms/{roomId}/messages", this::history);
    }

    private void history(ServerRequest request, ServerResponse response) {
        if (!apiKey.admitted(request, response)) {
            return;
        }
        String roomId = request.path().pathParameters().get("roomId");
        if (!RoomIds.valid(roomId)) {
            error(response, Status.BAD_REQUEST_400, "invalid_room_id", "not a valid room id");
            return;
        }
        OptionalLong limit = wholeNumber(request, "limit", 1, HISTORY_LIMIT);
        OptionalLong before = wholeNumber(request, "before", 1, Long.MAX_VALUE);
        if (limit == null || before == null) {
            error(response, Status.BAD_REQUEST_400, "bad_query",
                    "limit must be a whole number from 1 to " + HISTORY_LIMIT + ", before one from 1 on");
            return;
        }
        try {
            var page = node.history(roomId, (int) limit.orElse(DEFAULT_HISTORY_LIMIT), before.orElse(Long.MAX_VALUE),
                    HISTORY_MAX_BYTES).toCompletableFuture().join();
            JsonResponses.send(response, Status.OK_200,
                    HistoryAnswers.payload(JsonResponses.object().put("room_id", roomId), page));
        } catch (CompletionException e) {
            error(response, Status.SERVICE_UNAVAILABLE_503, "unavailable", "history unavailable, try again");
        }
    }

    /** A query parameter that must be a whole number in range: empty if absent, null if malformed. */
    private static OptionalLong wholeNumber(ServerRequest request, String name, long min, long max) {
        var value = request.query().first(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(value.get());
            return number >= min && number <= max ? OptionalLong.of(number) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void publish(ServerRequest request, ServerResponse response, Topic topic) {
        if (!apiKey.admitted(request, response)) {
            return;
        }
        ObjectNode body;
        try {
            // A POST without a body has no entity to read: it is the empty document, a bad body like any other.
            body = codec.readObject(request.content().hasEntity() ? request.content().as(String.class) : "");
        } catch (IllegalArgumentException e) {
            error(response, Status.BAD_REQUEST_400, "bad_body", e.getMessage());
            return;
        }
        Optional<MessageType> type = type(body, topic);
        if (type.isEmpty()) {
            error(response, Status.BAD_REQUEST_400, "bad_type",
                    "type must be notification, or room_message when sending to a room");
            return;
        }
        JsonNode payload = body.get("payload");
        if (payload != null && !payload.isObject()) {
            error(response, Status.BAD_REQUEST_400, "bad_payload", "payload must be a JSON object");
            return;
        }
        ObjectNode message = payload == null ? codec.newObject() : (ObjectNode) payload;
        if (topic instanceof Topic.Room room) {
            message.put("room_id", room.roomId());
        }
        JsonNode fromNode = body.get("from");
        if (fromNode != null && (!fromNode.isTextual() || fromNode.asText().isBlank() || fromNode.asText().length() > 256)) {
            error(response, Status.BAD_REQUEST_400, "bad_from", "from must be a string of 1 to 256 characters");
            return;
        }
        String from = fromNode == null ? Node.SYSTEM_SENDER : fromNode.asText();
        try {
            String messageId = node.publish(topic, type.get(), message, from, Publication.Exclusion.NONE)
                    .toCompletableFuture().join();
            JsonResponses.send(response, Status.ACCEPTED_202, JsonResponses.object().put("message_id", messageId));
        } catch (CompletionException e) {
            error(response, Status.SERVICE_UNAVAILABLE_503, "publish_failed", "broker unavailable, try again");
        }
    }

    private static Optional<MessageType> type(ObjectNode body, Topic topic) {
        String type = body.path("type").asText(MessageType.NOTIFICATION.wireName());
        if (type.equals(MessageType.NOTIFICATION.wireName())) {
            return Optional.of(MessageType.NOTIFICATION);
        }
        if (type.equals(MessageType.ROOM_MESSAGE.wireName()) && topic instanceof Topic.Room) {
            return Optional.of(MessageType.ROOM_MESSAGE);
        }
        return Optional.empty();
    }

    private static void error(ServerResponse response, Status status, String code, String message) {
        JsonResponses.error(response, status, code, message);
    }
}
