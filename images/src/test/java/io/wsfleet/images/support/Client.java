package io.wsfleet.images.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client of a gateway in a container: sends envelopes, waits for the frames it receives. */
public final class Client implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;

    private Client(WebSocket socket, BlockingQueue<JsonNode> frames) {
        this.socket = socket;
        this.frames = frames;
    }

    /** Connects with the token in the subprotocol, as browsers do; fails (WebSocketHandshakeException) when refused. */
    public static Client connect(String host, String token) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("wsfleet.v1", "bearer." + token).connectTimeout(WAIT)
                .buildAsync(URI.create("ws://" + host + ":8080/ws"), new Collector(frames)).join();
        return new Client(socket, frames);
    }

    public void join(String room, String messageId) {
        send("join_room", JSON.createObjectNode().put("room_id", room), messageId);
        awaitFrame(frame -> frame.path("type").asText().equals("ack")
                && frame.path("payload").path("message_id").asText().equals(messageId));
    }

    public void say(String room, String message, String messageId) {
        send("room_message", JSON.createObjectNode().put("room_id", room).put("message", message), messageId);
    }

    /** The first frame received, from now on, that matches; fails after a while without one. */
    public JsonNode awaitFrame(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            for (JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS); frame != null;
                 frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (match.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching frame within " + WAIT);
    }

    private void send(String type, ObjectNode payload, String messageId) {
        ObjectNode envelope = JSON.createObjectNode().put("type", type).put("message_id", messageId);
        envelope.set("payload", payload);
        socket.sendText(envelope.toString(), true).join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> frames;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<JsonNode> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
