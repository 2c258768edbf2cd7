package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.position;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/** History and recovery on one gateway with the in-memory broker. */
class RecoveryIT extends RecoveryContract {
    @Override
    protected Map<String, String> redisEnvironment() {
        return Map.of();
    }

    @Test
    void aReplayLargerThanHalfTheOutboundQueueIsRefusedAndTheConnectionStaysOpen() {
        try (TestGateway gateway = TestGateway.start(Map.of("OUTBOUND_QUEUE_BYTES", "20000"))) {
            JsonNode start;
            try (TestClient alice = gateway.connect("big-alice")) {
                start = alice.join("big-room").path("payload").path("position");
            }
            String body = "x".repeat(500);
            for (int i = 0; i < 40; i++) { // about 24 KB of frames
                assertThat(gateway.post("/api/rooms/big-room/messages",
                        "{\"type\":\"room_message\",\"payload\":{\"message\":\"" + body + i + "\"}}", TestGateway.API_KEY)
                        .statusCode()).isEqualTo(202);
            }

            try (TestClient alice = gateway.connect("big-alice")) {
                JsonNode ack = alice.join("big-room", start);
                assertThat(ack.path("payload").path("recovered").asBoolean(true)).isFalse();
                assertThat(ack.path("payload").path("position").path("offset").asLong()).isEqualTo(40);
                alice.sync();
                assertThat(alice.roomMessages("big-room")).isEmpty();
                assertThat(alice.isClosed()).isFalse();
            }
            try (TestClient alice = gateway.connect("big-alice")) {
                JsonNode recent = new ObjectMapper().createObjectNode().put("offset", 35)
                        .put("epoch", start.path("epoch").asText());
                assertThat(alice.join("big-room", recent).path("payload").path("recovered").asBoolean()).isTrue();
                alice.awaitCount("room_message", 5);
                assertThat(position(alice.roomMessages("big-room").getLast()).path("offset").asLong()).isEqualTo(40);
            }
        }
    }
}
