package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three gateways and one Redis: any user on any gateway reaches any other. Run against a standalone
 * Redis ({@link RedisFanOutIT}) and a Redis Cluster with sharded pub/sub ({@link RedisClusterFanOutIT}).
 */
abstract class FanOutContract {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private final List<TestGateway> gateways = new ArrayList<>();
    protected String prefix;

    /** REDIS_URL and the other variables that point a gateway at this test's Redis. */
    protected abstract Map<String, String> redisEnvironment();

    /** How many gateways are subscribed to a channel, as Redis counts them. */
    protected abstract int subscribers(String channel);

    @BeforeEach
    void startGateways() {
        prefix = "fanout" + CLUSTERS.incrementAndGet();
        for (int i = 0; i < 3; i++) {
            var environment = new java.util.HashMap<>(redisEnvironment());
            environment.put("REDIS_PREFIX", prefix);
            gateways.add(TestGateway.start(environment));
        }
    }

    @AfterEach
    void stopGateways() {
        gateways.forEach(TestGateway::close);
    }

    protected TestGateway gateway(int index) {
        return gateways.get(index);
    }

    @Test
    void roomMessagesFromOneGatewayReachMembersOnTheOthersOnceAndInOrder() throws Exception {
        int perPublisher = 100;
        try (TestClient onA = gateway(0).connect("fo-a");
             TestClient onB = gateway(1).connect("fo-b");
             TestClient onC = gateway(2).connect("fo-c");
             TestClient alsoOnA = gateway(0).connect("fo-a2")) {
            List<TestClient> members = List.of(onA, onB, onC, alsoOnA);
            members.forEach(client -> client.join("fo-room"));
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (TestClient publisher : List.of(onA, onC)) {
                    pool.submit(() -> IntStream.range(0, perPublisher).forEach(i -> publisher.send("room_message",
                            payload("room_id", "fo-room", "message", publisher.hashCode() + ":" + i), null)));
                }
            }
            List<List<String>> orders = new ArrayList<>();
            for (TestClient member : members) {
                member.awaitCount("room_message", 2 * perPublisher);
                orders.add(member.frames("room_message").stream().map(f -> f.path("message_id").asText()).toList());
            }
            assertThat(orders.getFirst()).hasSize(2 * perPublisher).doesNotHaveDuplicates();
            assertThat(orders).allSatisfy(order -> assertThat(order).isEqualTo(orders.getFirst()));
        }
    }

    @Test
    void chatReachesEveryDeviceOfTheRecipientOnEveryGateway() {
        try (TestClient sender = gateway(0).connect("fo-sender");
             TestClient laptop = gateway(0).connect("fo-carol");
             TestClient phone = gateway(1).connect("fo-carol");
             TestClient tablet = gateway(2).connect("fo-carol")) {
            sender.send("chat", payload("to", "fo-carol", "message", "hi all devices"), "c1");
            String id = sender.awaitAck("c1").path("payload").path("server_message_id").asText();
            for (TestClient device : List.of(laptop, phone, tablet)) {
                JsonNode chat = device.await("chat");
                assertThat(chat.path("message_id").asText()).isEqualTo(id);
                assertThat(chat.path("from").asText()).isEqualTo("fo-sender");
            }
        }
    }

    @Test
    void presenceAndDevicesAreCountedAcrossGateways() {
        try (TestClient watcher = gateway(2).connect("fo-watcher")) {
            watcher.subscribePresence("fo-dave");
            TestClient first = gateway(0).connect("fo-dave");
            watcher.await(frame -> TestClient.is(frame, "user_online")
                    && frame.path("payload").path("user_id").asText().equals("fo-dave"));
            try (TestClient second = gateway(1).connect("fo-dave")) {
                JsonNode device = first.await("device_connected");
                assertThat(device.path("payload").path("device_count").asInt()).isEqualTo(2);
                assertThat(gateway(2).gateway().node().deviceCount("fo-dave")).isEqualTo(2);

                first.join("fo-presence");
                JsonNode ack = second.join("fo-presence");
                assertThat(ack.path("payload").path("members")).extracting(JsonNode::asText).containsExactly("fo-dave");
                watcher.join("fo-presence");

                first.close();
                await().until(() -> gateway(0).gateway().openConnections() == 0);
                // Still in the room and online through the second device: no user_left, no user_offline.
                second.send("room_message", payload("room_id", "fo-presence", "message", "marker"), null);
                watcher.await("room_message");
                assertThat(watcher.frames("user_left")).isEmpty();
                assertThat(watcher.frames("user_offline")).isEmpty();
            }
            watcher.await(frame -> TestClient.is(frame, "user_left")
                    && frame.path("payload").path("user_id").asText().equals("fo-dave"));
            watcher.await(frame -> TestClient.is(frame, "user_offline")
                    && frame.path("payload").path("user_id").asText().equals("fo-dave"));
        }
    }

    @Test
    void aGatewaySubscribesOnlyToRoomsAndUsersItHolds() {
        try (TestClient onA = gateway(0).connect("fo-sub-a");
             TestClient onB = gateway(1).connect("fo-sub-b")) {
            onA.join("fo-only-a");
            onB.join("fo-shared");
            onA.join("fo-shared");

            assertThat(subscribers(prefix + ":room:fo-only-a")).isEqualTo(1);
            assertThat(subscribers(prefix + ":room:fo-shared")).isEqualTo(2);
            assertThat(subscribers(prefix + ":user:fo-sub-a")).isEqualTo(1);
            assertThat(subscribers(prefix + ":broadcast")).isEqualTo(3);

            onA.send("leave_room", payload("room_id", "fo-only-a"), "l1");
            onA.awaitAck("l1");
            await().until(() -> subscribers(prefix + ":room:fo-only-a") == 0);
        }
    }

    /** The last integer of a RESP reply such as {@code PUBSUB NUMSUB channel}. */
    protected static int lastInteger(String reply) {
        String[] lines = reply.split("\r\n");
        return Integer.parseInt(lines[lines.length - 1].substring(1));
    }
}
