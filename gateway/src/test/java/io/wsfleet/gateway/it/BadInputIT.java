package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input costs only its sender an error frame (or, for an oversized message, its own connection);
 * a neighbour in the same room keeps receiving and the gateway keeps serving.
 */
class BadInputIT {
    private static final int MAX_MESSAGE_BYTES = 4096;
    @RegisterExtension
    static final TestGateway gateway =
            TestGateway.perClass(Map.of("MAX_MESSAGE_BYTES", String.valueOf(MAX_MESSAGE_BYTES)));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {not json                                                    | bad_json         |
            [1,2,3]                                                      | bad_json         |
            {"payload":{},"message_id":"b1"}                             | missing_type     | b1
            {"type":42,"message_id":"b2"}                                | invalid_field    | b2
            {"type":"teleport","message_id":"b3"}                        | unknown_type     | b3
            {"type":"notification","message_id":"b4"}                    | unsupported_type | b4
            {"type":"join_room","payload":{},"message_id":"b5"}          | missing_field    | b5
            {"type":"join_room","payload":{"room_id":"a b"},"message_id":"b6"} | invalid_field | b6
            {"type":"join_room","payload":"lobby","message_id":"b7"}     | invalid_field    | b7
            {"type":"room_message","payload":{"room_id":"elsewhere","message":"x"},"message_id":"b8"} | not_in_room | b8
            {"type":"room_message","payload":{"room_id":"bad-room"},"message_id":"b9"} | missing_field | b9
            {"type":"leave_room","payload":{"room_id":"never-joined"},"message_id":"b10"} | not_in_room | b10
            {"type":"chat","payload":{"message":"x"},"message_id":"b11"} | missing_field    | b11
            {"type":"typing","payload":{"room_id":"elsewhere"},"message_id":"b12"} | not_in_room | b12
            {"type":"ping","message_id":""}                              | invalid_field    |
            """)
    void badFrameGetsAnErrorAndNeighboursAreUnaffected(String frame, String code, String messageId) {
        try (TestClient sender = gateway.connect("bad-sender");
             TestClient neighbour = gateway.connect("neighbour")) {
            sender.join("bad-room");
            neighbour.join("bad-room");

            sender.sendRaw(frame);
            JsonNode error = sender.awaitError(code);
            assertThat(error.path("payload").path("message").asText()).isNotBlank();
            if (messageId == null) {
                assertThat(error.path("payload").has("message_id")).isFalse();
            } else {
                assertThat(error.path("payload").path("message_id").asText()).isEqualTo(messageId);
            }

            sender.send("room_message", payload("room_id", "bad-room", "message", "still here"), "ok");
            sender.awaitAck("ok");
            assertThat(neighbour.await("room_message").path("payload").path("message").asText())
                    .isEqualTo("still here");
        }
    }

    @Test
    void pingIsAnsweredWithPongEchoingThePayloadAndAcked() {
        try (TestClient client = gateway.connect("pinger")) {
            client.send("ping", payload("sent_at", "12345"), "p1");
            client.await(frame -> TestClient.is(frame, "pong")
                    && frame.path("payload").path("sent_at").asText().equals("12345"));
            client.awaitAck("p1");
        }
    }

    @Test
    void binaryFrameGetsAnErrorAndTheConnectionStaysOpen() {
        try (TestClient client = gateway.connect("binary-sender")) {
            client.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true)
                    .orTimeout(5, TimeUnit.SECONDS).join();
            client.awaitError("unsupported_binary");
            client.sync();
        }
    }

    @Test
    void oversizedMessageClosesOnlyItsSenderWith1009() {
        try (TestClient sender = gateway.connect("big-sender");
             TestClient neighbour = gateway.connect("big-neighbour")) {
            neighbour.join("big-room");
            sender.sendRaw("{\"type\":\"ping\",\"payload\":{\"pad\":\"" + "x".repeat(MAX_MESSAGE_BYTES) + "\"}}");
            assertThat(sender.awaitClose().code()).isEqualTo(1009);
            await().until(() -> gateway.gateway().node().deviceCount("big-sender") == 0);

            try (TestClient other = gateway.connect("big-other")) {
                other.join("big-room");
                other.send("room_message", payload("room_id", "big-room", "message", "alive"), null);
                neighbour.await("room_message");
            }
        }
    }

    @Test
    void oversizedFragmentedMessageClosesWith1009() {
        try (TestClient sender = gateway.connect("fragment-sender")) {
            String half = "x".repeat(MAX_MESSAGE_BYTES / 2 + 10);
            sender.socket().sendText("{\"type\":\"ping\",\"payload\":{\"pad\":\"" + half, false).join();
            sender.socket().sendText(half, false).join();
            assertThat(sender.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void fragmentedMessageWithinTheLimitIsReassembled() {
        try (TestClient sender = gateway.connect("fragment-ok")) {
            sender.socket().sendText("{\"type\":\"ping\",", false).join();
            sender.socket().sendText("\"payload\":{\"probe\":\"joined\"}}", true).join();
            sender.await(frame -> TestClient.is(frame, "pong")
                    && frame.path("payload").path("probe").asText().equals("joined"));
        }
    }
}
