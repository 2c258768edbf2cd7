package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TwoGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's message format, {@code {"type":"chat","payload":{"room_id":...,"message":...}}}: a message
 * to the room, with the checks and ack of {@code room_message}, delivered to members on other gateways;
 * {@code chat} with {@code to} stays a direct message.
 */
class SeedChatFormatIT {
    @RegisterExtension
    static final TwoGateways gateways = TwoGateways.onOneRedis("seed-chat", Map.of());

    @Test
    void chatWithARoomIdReachesTheRoomsMembersOnAnotherGatewayAndIsAckedLikeARoomMessage() {
        try (TestClient alice = gateways.a().connect("seed-alice");
             TestClient bob = gateways.b().connect("seed-bob");
             TestClient outsider = gateways.b().connect("seed-outsider")) {
            alice.join("seed-room");
            bob.join("seed-room");

            alice.send("chat", payload("room_id", "seed-room", "message", "hello from the seed"), "s1");

            JsonNode ack = alice.awaitAck("s1");
            JsonNode received = bob.await("room_message");
            assertThat(received.path("from").asText()).isEqualTo("seed-alice");
            assertThat(received.path("payload").path("room_id").asText()).isEqualTo("seed-room");
            assertThat(received.path("payload").path("message").asText()).isEqualTo("hello from the seed");
            assertThat(received.path("message_id").asText()).isEqualTo(ack.path("payload").path("server_message_id").asText());
            assertThat(alice.await("room_message").path("message_id").asText())
                    .as("the sender, a member, gets it too, as with room_message")
                    .isEqualTo(received.path("message_id").asText());
            outsider.sync();
            assertThat(outsider.frames("room_message")).isEmpty();
            assertThat(outsider.frames("chat")).isEmpty();
        }
    }

    @Test
    void chatWithARoomIdHasTheChecksOfARoomMessage() {
        try (TestClient carol = gateways.a().connect("seed-carol")) {
            carol.send("chat", payload("room_id", "seed-not-joined", "message", "hi"), "s2");
            assertThat(carol.awaitError("not_in_room").path("payload").path("message_id").asText()).isEqualTo("s2");

            carol.join("seed-joined");
            carol.send("chat", payload("room_id", "seed-joined"), "s3");
            assertThat(carol.awaitError("missing_field").path("payload").path("message_id").asText()).isEqualTo("s3");

            carol.send("chat", payload("room_id", "seed-joined", "to", "seed-bob", "message", "which?"), "s4");
            assertThat(carol.awaitError("invalid_field").path("payload").path("message").asText())
                    .contains("both to and room_id");
        }
    }

    @Test
    void chatWithToStaysADirectMessageAcrossGateways() {
        try (TestClient dave = gateways.a().connect("seed-dave");
             TestClient erin = gateways.b().connect("seed-erin")) {
            dave.send("chat", payload("to", "seed-erin", "message", "direct"), "s5");
            dave.awaitAck("s5");
            JsonNode received = erin.await("chat");
            assertThat(received.path("payload").path("to").asText()).isEqualTo("seed-erin");
            assertThat(received.path("from").asText()).isEqualTo("seed-dave");
        }
    }
}
