package io.wsfleet.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real WebSocket client (the JDK's) that records every frame it receives, for integration tests.
 * {@link #await} waits for a frame matching a predicate among all frames received so far.
 */
public final class TestClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new ArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.util.concurrent.atomic.AtomicBoolean reading;
    private final java.util.concurrent.atomic.AtomicBoolean starved = new java.util.concurrent.atomic.AtomicBoolean();
    private WebSocket socket;

    /** How the server closed the connection. */
    public record Closed(int code, String reason) {
    }

    private TestClient(boolean reading) {
        this.reading = new java.util.concurrent.atomic.AtomicBoolean(reading);
    }

    /** Connects and reads every frame. */
    public static TestClient connect(WebSocket.Builder builder, URI uri) {
        return connect(builder, uri, true);
    }

    /** Connects without ever reading from the socket (until {@link #resumeReading()}). */
    public static TestClient connectStalled(WebSocket.Builder builder, URI uri) {
        return connect(builder, uri, false);
    }

    private static TestClient connect(WebSocket.Builder builder, URI uri, boolean reading) {
        TestClient client = new TestClient(reading);
        client.socket = builder.buildAsync(uri, client.new Listener()).join();
        return client;
    }

    /** Stops taking frames off the socket, as a client that stopped reading does; TCP backpressure follows. */
    public void stopReading() {
        reading.set(false);
    }

    public void resumeReading() {
        reading.set(true);
        if (starved.compareAndSet(true, false)) {
            socket.request(1);
        }
    }

    private void requestNext(WebSocket webSocket) {
        if (reading.get()) {
            webSocket.request(1);
        } else {
            starved.set(true);
            // resumeReading() may have run between the two lines above.
            if (reading.get() && starved.compareAndSet(true, false)) {
                webSocket.request(1);
            }
        }
    }

    public static WebSocket.Builder builder() {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
    }

    public WebSocket socket() {
        return socket;
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Sends {@code {"type": type, "payload": payload, "message_id": messageId}} (message id omitted when null). */
    public void send(String type, ObjectNode payload, String messageId) {
        ObjectNode envelope = JSON.createObjectNode().put("type", type);
        envelope.set("payload", payload);
        if (messageId != null) {
            envelope.put("message_id", messageId);
        }
        sendRaw(envelope.toString());
    }

    public static ObjectNode payload(String... keyValues) {
        ObjectNode payload = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            payload.put(keyValues[i], keyValues[i + 1]);
        }
        return payload;
    }

    /** Joins a room and waits for its ack. */
    public JsonNode join(String roomId) {
        String id = "join-" + roomId + "-" + System.nanoTime();
        send("join_room", payload("room_id", roomId), id);
        return awaitAck(id);
    }

    /** Joins a room with {@code payload.since} (a position as the gateway sent it, or null) and waits for the ack. */
    public JsonNode join(String roomId, JsonNode since) {
        String id = "join-" + roomId + "-" + System.nanoTime();
        ObjectNode payload = payload("room_id", roomId);
        if (since != null) {
            payload.set("since", since);
        }
        send("join_room", payload, id);
        return awaitAck(id);
    }

    /** The position a kept frame carries: {@code {"offset": .., "epoch": ..}}. */
    public static ObjectNode position(JsonNode frame) {
        return JSON.createObjectNode().put("offset", frame.path("offset").asLong()).put("epoch", frame.path("epoch").asText());
    }

    /** The {@code payload.message} of a frame, as text. */
    public static String message(JsonNode frame) {
        return frame.path("payload").path("message").asText();
    }

    /** Sends {@code count} room messages {@code prefix0, prefix1, ...} (each its own message id) and waits for the last ack. */
    public void publish(String roomId, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            send("room_message", payload("room_id", roomId, "message", prefix + i), prefix + i);
        }
        awaitAck(prefix + (count - 1));
    }

    /** The {@code room_message}s of a room received so far, in arrival order. */
    public List<JsonNode> roomMessages(String roomId) {
        return frames("room_message").stream()
                .filter(frame -> roomId.equals(frame.path("payload").path("room_id").asText()))
                .toList();
    }

    /** Subscribes to users' presence and waits for the ack ({@code following}, {@code online}). */
    public JsonNode subscribePresence(String... userIds) {
        String id = "presence-" + System.nanoTime();
        send("presence_subscribe", userIds(userIds), id);
        return awaitAck(id);
    }

    /** The payload {@code {"user_ids": [...]}} of the presence questions and subscriptions. */
    public static ObjectNode userIds(String... userIds) {
        ObjectNode payload = JSON.createObjectNode();
        var ids = payload.putArray("user_ids");
        for (String userId : userIds) {
            ids.add(userId);
        }
        return payload;
    }

    public JsonNode awaitAck(String messageId) {
        return await(frame -> is(frame, "ack") && messageId.equals(frame.path("payload").path("message_id").asText()));
    }

    public JsonNode awaitError(String code) {
        return await(frame -> is(frame, "error") && code.equals(frame.path("payload").path("code").asText()));
    }

    public JsonNode await(String type) {
        return await(frame -> is(frame, type));
    }

    /** Waits for a frame matching the predicate (one already received counts) and returns it. */
    public JsonNode await(Predicate<JsonNode> match) {
        return awaitState(frames -> frames.stream().filter(match).findFirst().orElse(null));
    }

    /** Waits until at least {@code count} frames of the type have arrived. */
    public void awaitCount(String type, int count) {
        awaitState(frames -> frames.stream().filter(frame -> is(frame, type)).count() >= count ? true : null);
    }

    /** Re-evaluates {@code check} on every arrival until it gives a non-null result. */
    private <T> T awaitState(java.util.function.Function<List<JsonNode>, T> check) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<JsonNode> snapshot;
            synchronized (frames) {
                snapshot = List.copyOf(frames);
            }
            T result = check.apply(snapshot);
            if (result != null) {
                return result;
            }
            synchronized (frames) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching frame within " + TIMEOUT + "; received " + frames.size()
                            + " frames, the last ones: " + frames.subList(Math.max(0, frames.size() - 5), frames.size()));
                }
                if (frames.size() == snapshot.size()) {
                    try {
                        frames.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted");
                    }
                }
            }
        }
    }

    /**
     * Sends a ping and waits for its pong. Frames to one connection are written in order, so anything
     * the server queued for this client before answering the ping has arrived when this returns.
     */
    public void sync() {
        String id = "sync-" + System.nanoTime();
        send("ping", payload("probe", id), null);
        await(frame -> is(frame, "pong") && id.equals(frame.path("payload").path("probe").asText()));
    }

    public List<JsonNode> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    public List<JsonNode> frames(String type) {
        return frames().stream().filter(frame -> is(frame, type)).toList();
    }

    public Closed awaitClose() {
        return closed.orTimeout(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS).join();
    }

    /** Completes when the server closed the connection (or it failed), for a test that acts on the close. */
    public CompletableFuture<Closed> closing() {
        return closed;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public static boolean is(JsonNode frame, String type) {
        return type.equals(frame.path("type").asText());
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket webSocket) {
            requestNext(webSocket);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame;
                try {
                    frame = JSON.readTree(partial.toString());
                } catch (JsonProcessingException e) {
                    throw new AssertionError("server sent invalid JSON: " + partial, e);
                }
                partial.setLength(0);
                synchronized (frames) {
                    frames.add(frame);
                    frames.notifyAll();
                }
            }
            requestNext(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error)));
        }
    }
}
