package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/** The seed's limits, on one gateway: messages per user, connections per IP, connections per user. */
class LimitsIT {

    @Test
    void messagesOverTheRateGetRateLimitedErrorsAndTheSessionCarriesOn() {
        try (TestGateway gateway = TestGateway.start(Map.of("MESSAGE_RATE_LIMIT", "5"));
             TestClient client = gateway.connect("chatty")) {
            client.join("limited"); // the join is message 1 of 5
            for (int i = 2; i <= 5; i++) {
                client.send("room_message", payload("room_id", "limited", "message", "m" + i), "m" + i);
                client.awaitAck("m" + i);
            }
            client.send("room_message", payload("room_id", "limited", "message", "one too many"), "m6");
            JsonNode error = client.awaitError("rate_limited");
            assertThat(error.path("payload").path("message_id").asText()).isEqualTo("m6");
            assertThat(error.path("payload").path("retry_after_ms").asLong()).isBetween(1L, 60_000L);

            // Typing has its own budget and pings are free: neither is refused now.
            client.send("typing", payload("room_id", "limited"), "t1");
            client.awaitAck("t1");
            client.sync();
            assertThat(client.frames("room_message")).hasSize(4);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void typingOverItsOwnBudgetIsRefusedWhileMessagesStillGoThrough() {
        try (TestGateway gateway = TestGateway.start(Map.of("MESSAGE_RATE_LIMIT", "5"));
             TestClient client = gateway.connect("typist")) {
            client.join("typing-limited"); // from the message budget, not the typing one
            for (int i = 1; i <= 5; i++) {
                client.send("typing", payload("room_id", "typing-limited"), "t" + i);
                client.awaitAck("t" + i);
            }
            client.send("typing", payload("room_id", "typing-limited"), "t6");
            JsonNode error = client.awaitError("rate_limited");
            assertThat(error.path("payload").path("message_id").asText()).isEqualTo("t6");
            assertThat(error.path("payload").path("message").asText()).contains("typing events");

            client.send("room_message", payload("room_id", "typing-limited", "message", "still heard"), "m1");
            client.awaitAck("m1");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aConnectionCannotJoinMoreRoomsThanTheLimit() {
        try (TestGateway gateway = TestGateway.start(Map.of("MAX_ROOMS_PER_CONNECTION", "2"));
             TestClient client = gateway.connect("roomy")) {
            client.join("r-1");
            client.join("r-2");
            client.join("r-2"); // already in: not a new room
            client.send("join_room", payload("room_id", "r-3"), "j3");
            assertThat(client.awaitError("too_many_rooms").path("payload").path("message_id").asText()).isEqualTo("j3");

            client.send("leave_room", payload("room_id", "r-1"), "l1");
            client.awaitAck("l1");
            client.join("r-3");
        }
    }

    @Test
    void connectionsPerIpOverTheHourlyRateGet429WithRetryAfter() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("CONNECTION_RATE_LIMIT", "3"))) {
            for (int i = 0; i < 3; i++) {
                gateway.connect("ip-user-" + i).close();
            }
            String refused = RawUpgrade.send(gateway.gateway().port(), "/ws",
                    "Authorization: Bearer " + Tokens.forUser("ip-user-4"));
            assertThat(refused).startsWith("HTTP/1.1 429").contains("\"error\":\"rate_limited\"");
            assertThat(refused).containsIgnoringCase("Retry-After:");
        }
    }

    @Test
    void aUserOverTheConcurrentConnectionLimitGets429UntilOneCloses() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("MAX_CONNECTIONS_PER_USER", "2"))) {
            TestClient first = gateway.connect("busy");
            try (TestClient second = gateway.connect("busy")) {
                second.sync();
                String refused = RawUpgrade.send(gateway.gateway().port(), "/ws",
                        "Authorization: Bearer " + Tokens.forUser("busy"));
                assertThat(refused).startsWith("HTTP/1.1 429").contains("\"error\":\"too_many_connections\"");

                first.close();
                await().until(() -> gateway.gateway().node().deviceCount("busy") == 1);
                try (TestClient third = gateway.connect("busy")) {
                    third.sync();
                }
            }
        }
    }
}
