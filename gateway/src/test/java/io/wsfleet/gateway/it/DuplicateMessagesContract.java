package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that lost the ack of a message resends it, after reconnecting, with the same
 * {@code message_id}; the gateway must not deliver it twice. The resend arrives on a second gateway,
 * which is a second node of the cluster when the subclass configures Redis (nested in
 * {@link RedisFanOutIT} and {@link RedisClusterFanOutIT}), and the same in-memory gateway otherwise
 * ({@link DuplicateMessagesIT}; the test still reconnects, as a real client would).
 */
abstract class DuplicateMessagesContract {
    private static final String WINDOW_SECONDS = "2";
    private final List<TestGateway> gateways = new java.util.ArrayList<>();
    /** A room per test, so that tests on a shared Redis do not see each other's messages. */
    private final String room = "dup-" + UUID.randomUUID().toString().substring(0, 8);

    /** Environment of both gateways; empty runs one in-memory gateway reached twice. */
    protected abstract Map<String, String> redisEnvironment();

    @BeforeEach
    void startGateways() {
        Map<String, String> environment = new HashMap<>(redisEnvironment());
        environment.put("MESSAGE_DEDUP_WINDOW_SECONDS", WINDOW_SECONDS);
        environment.put("REDIS_PREFIX", "dup" + System.nanoTime());
        TestGateway first = TestGateway.start(environment);
        gateways.add(first);
        gateways.add(redisEnvironment().isEmpty() ? first : TestGateway.start(environment));
    }

    @AfterEach
    void stopGateways() {
        gateways.stream().distinct().forEach(TestGateway::close);
    }

    @Test
    void aRoomMessageResentAfterAReconnectIsAckedAgainAndDeliveredOnce() {
        try (TestClient bob = gateways.get(1).connect("dup-bob")) {
            bob.join(room);
            String firstId = sendAndDisconnect("dup-alice", 0, "hello", "m-1");

            try (TestClient alice = gateways.get(1).connect("dup-alice")) {
                alice.join(room);
                sendWithDedup(alice, "room_message", payload("room_id", room, "message", "hello"), "m-1");
                JsonNode ack = alice.awaitAck("m-1");
                assertThat(ack.path("payload").path("server_message_id").asText()).isEqualTo(firstId);
                alice.send("room_message", payload("room_id", room, "message", "after"), "m-2");
                alice.awaitAck("m-2");
            }
            bob.await(frame -> messageIs(frame, "after"));
            assertThat(messages(bob)).containsExactly("hello", "after");
        }
    }

    @Test
    void theSameMessageIdFromAnotherUserIsAnotherMessage() {
        try (TestClient bob = gateways.get(1).connect("dup-bob")) {
            bob.join(room);
            String fromAlice = sendAndDisconnect("dup-alice", 0, "from alice", "same-id");
            String fromCarol = sendAndDisconnect("dup-carol", 1, "from carol", "same-id");

            assertThat(fromCarol).isNotEqualTo(fromAlice);
            bob.await(frame -> messageIs(frame, "from carol"));
            assertThat(messages(bob)).containsExactly("from alice", "from carol");
        }
    }

    @Test
    void aResentDirectMessageReachesTheRecipientOnce() {
        try (TestClient bob = gateways.get(1).connect("dup-bob");
             TestClient aliceTablet = gateways.get(1).connect("dup-alice")) {
            for (int gateway = 0; gateway < 2; gateway++) {
                try (TestClient alice = gateways.get(gateway).connect("dup-alice")) {
                    sendWithDedup(alice, "chat", payload("to", "dup-bob", "message", "yo"), "c-1");
                    alice.awaitAck("c-1");
                }
            }
            bob.sync();
            aliceTablet.sync();
            assertThat(bob.frames("chat")).hasSize(1);
            // The sender's other device saw the conversation once too.
            assertThat(aliceTablet.frames("chat")).hasSize(1);
        }
    }

    @Test
    void aResendAfterTheWindowIsDeliveredAgain() throws InterruptedException {
        try (TestClient bob = gateways.get(1).connect("dup-bob")) {
            bob.join(room);
            String firstId = sendAndDisconnect("dup-alice", 0, "again", "m-late");
            Thread.sleep(Long.parseLong(WINDOW_SECONDS) * 1000 + 500);
            String secondId = sendAndDisconnect("dup-alice", 1, "again", "m-late");

            assertThat(secondId).isNotEqualTo(firstId);
            bob.awaitCount("room_message", 2);
            assertThat(messages(bob)).containsExactly("again", "again");
        }
    }

    @Test
    void withoutDedupAReusedMessageIdIsAnotherMessage() {
        // Clients that number their ids per connection ("1", "2", ...) reuse them after reconnecting.
        try (TestClient bob = gateways.get(1).connect("dup-bob")) {
            bob.join(room);
            for (int gateway = 0; gateway < 2; gateway++) {
                try (TestClient alice = gateways.get(gateway).connect("dup-alice")) {
                    alice.join(room);
                    alice.send("room_message", payload("room_id", room, "message", "numbered"), "1");
                    alice.awaitAck("1");
                }
            }
            bob.awaitCount("room_message", 2);
            assertThat(messages(bob)).containsExactly("numbered", "numbered");
        }
    }

    /** Connects the user to a gateway, joins the room, sends one message, waits for its ack, leaves. */
    private String sendAndDisconnect(String user, int gateway, String text, String messageId) {
        try (TestClient client = gateways.get(gateway).connect(user)) {
            client.join(room);
            sendWithDedup(client, "room_message", payload("room_id", room, "message", text), messageId);
            return client.awaitAck(messageId).path("payload").path("server_message_id").asText();
        }
    }

    /** Sends a frame that asks the gateway to de-duplicate its {@code message_id}. */
    private static void sendWithDedup(TestClient client, String type, ObjectNode payload, String messageId) {
        ObjectNode envelope = payload.objectNode().put("type", type).put("message_id", messageId).put("dedup", true);
        envelope.set("payload", payload);
        client.sendRaw(envelope.toString());
    }

    private static boolean messageIs(JsonNode frame, String text) {
        return TestClient.is(frame, "room_message") && frame.path("payload").path("message").asText().equals(text);
    }

    private static List<String> messages(TestClient client) {
        client.sync();
        return client.frames("room_message").stream().map(frame -> frame.path("payload").path("message").asText()).toList();
    }
}
