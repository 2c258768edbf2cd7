package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;

import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/** {@code /metrics} scraped from running gateways: every kind of traffic moves its meter. */
class MetricsIT {
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @Test
    void joinsMessagesAndClosesMoveTheirMeters() throws Exception {
        // The fleet-wide announcement on, so that bob's user_online reaches alice without a subscription.
        try (TestGateway gateway = TestGateway.start(Map.of("ANNOUNCE_ONLINE", "true"));
             TestClient alice = gateway.connect("m-alice");
             TestClient bob = gateway.connect("m-bob")) {
            alice.join("m-room");
            bob.join("m-room");
            alice.send("room_message", payload("room_id", "m-room", "message", "hello"), "m1");
            alice.awaitAck("m1");
            bob.await("room_message");
            alice.sendRaw("not json");
            alice.awaitError("bad_json");

            await().untilAsserted(() -> {
                Scrape scrape = Scrape.of(gateway);
                assertThat(scrape.value("wsfleet_connections")).isEqualTo(2);
                assertThat(scrape.value("wsfleet_users")).isEqualTo(2);
                assertThat(scrape.value("wsfleet_rooms")).isEqualTo(1);
                assertThat(scrape.value("wsfleet_connections_opened_total")).isEqualTo(2);
                assertThat(scrape.value("wsfleet_messages_received_total", "type", "join_room")).isEqualTo(2);
                assertThat(scrape.value("wsfleet_messages_received_total", "type", "room_message")).isEqualTo(1);
                assertThat(scrape.value("wsfleet_messages_received_total", "type", "invalid")).isEqualTo(1);
                assertThat(scrape.value("wsfleet_messages_delivered_total", "type", "room_message")).isEqualTo(2);
                assertThat(scrape.value("wsfleet_messages_delivered_total", "type", "user_joined")).isEqualTo(3);
                assertThat(scrape.value("wsfleet_messages_delivered_total", "type", "user_online")).isEqualTo(1);
                // Timed: two room messages, three user_joined, bob's user_online; never acks, errors and pongs.
                assertThat(scrape.value("wsfleet_delivery_latency_seconds_count")).isEqualTo(6);
                assertThat(scrape.value("wsfleet_delivery_latency_seconds_bucket", "le", "+Inf")).isEqualTo(6);
                assertThat(scrape.value("wsfleet_inbound_bytes_total")).isGreaterThan(0);
                assertThat(scrape.value("wsfleet_outbound_bytes_total")).isGreaterThan(0);
                assertThat(scrape.value("wsfleet_broker_publish_latency_seconds_count", "broker", "memory"))
                        .isGreaterThanOrEqualTo(3);
                // broadcast, two users, one room
                assertThat(scrape.value("wsfleet_broker_subscriptions")).isEqualTo(4);
                assertThat(scrape.value("wsfleet_ready")).isEqualTo(1);
            });

            String refused = RawUpgrade.send(gateway.gateway().port(), "/ws");
            assertThat(refused).startsWith("HTTP/1.1 401");
            assertThat(Scrape.of(gateway).value("wsfleet_upgrades_refused_total", "reason", "auth")).isEqualTo(1);

            // A complete close handshake, so that the gateway sees the client's 1000.
            alice.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            alice.awaitClose();
            await().untilAsserted(() -> {
                Scrape scrape = Scrape.of(gateway);
                assertThat(scrape.value("wsfleet_connections_closed_total", "class", "normal")).isEqualTo(1);
                assertThat(scrape.value("wsfleet_connections")).isEqualTo(1);
                assertThat(scrape.value("wsfleet_broker_subscriptions")).isEqualTo(3);
            });
        }
    }

    @Test
    void processAndJvmMetersAreExportedAndNothingOnThePublicPort() {
        try (TestGateway gateway = TestGateway.start()) {
            var response = gateway.get("/metrics");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain; version=0.0.4"));
            Scrape scrape = Scrape.parse(response.body());
            assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "process_cpu_usage", "process_uptime_seconds", "process_files_open_files");
            // Without Redis there is no Redis state to report.
            assertThat(scrape.has("wsfleet_redis_connected")).isFalse();

            var publicPort = gateway.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.gateway().port() + "/metrics")).GET().build());
            assertThat(publicPort.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void limitRefusalsAreCountedByLimit() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("MESSAGE_RATE_LIMIT", "2", "MAX_CONNECTIONS_PER_USER", "1"));
             TestClient client = gateway.connect("m-limited")) {
            client.join("m-limits");
            client.send("room_message", payload("room_id", "m-limits", "message", "2 of 2"), "r2");
            client.awaitAck("r2");
            client.send("room_message", payload("room_id", "m-limits", "message", "3 of 2"), "r3");
            client.awaitError("rate_limited");
            String refused = RawUpgrade.send(gateway.gateway().port(), "/ws",
                    "Authorization: Bearer " + Tokens.forUser("m-limited"));
            assertThat(refused).startsWith("HTTP/1.1 429");

            Scrape scrape = Scrape.of(gateway);
            assertThat(scrape.value("wsfleet_limit_refusals_total", "limit", "messages")).isEqualTo(1);
            assertThat(scrape.value("wsfleet_limit_refusals_total", "limit", "connections_per_user")).isEqualTo(1);
            assertThat(scrape.value("wsfleet_limit_refusals_total", "limit", "typing")).isZero();
            assertThat(scrape.value("wsfleet_upgrades_refused_total", "reason", "per_user")).isEqualTo(1);
        }
    }

    @Test
    void aSlowClientCloseIsCounted() {
        try (TestGateway gateway = TestGateway.start(Map.of("OUTBOUND_QUEUE_BYTES", String.valueOf(64 * 1024)));
             TestClient slow = TestClient.connectStalled(TestClient.builder()
                     .header("Authorization", "Bearer " + Tokens.forUser("m-slow")), gateway.wsUri())) {
            await().until(() -> gateway.gateway().openConnections() == 1);
            String body = "{\"payload\":{\"text\":\"" + "x".repeat(100_000) + "\"}}";
            // Socket buffers take a few megabytes first; then the queue overflows.
            for (int i = 0; i < 2_000 && Scrape.of(gateway).value("wsfleet_slow_client_closes_total") == 0; i++) {
                assertThat(gateway.post("/api/users/m-slow/messages", body, TestGateway.API_KEY).statusCode())
                        .isEqualTo(202);
            }

            Scrape overflowed = Scrape.of(gateway);
            assertThat(overflowed.value("wsfleet_slow_client_closes_total")).isEqualTo(1);
            assertThat(overflowed.value("wsfleet_outbound_dropped_frames_total")).isGreaterThanOrEqualTo(1);
            // Its socket is dropped after the grace period: the session ends under its server code, 4100.
            await().atMost(RECOVERY).untilAsserted(() -> {
                Scrape scrape = Scrape.of(gateway);
                assertThat(scrape.value("wsfleet_connections_closed_total", "class", "backoff")).isEqualTo(1);
                assertThat(scrape.value("wsfleet_connections")).isZero();
            });
        }
    }

    @Test
    void aMessageFromAnotherGatewayIsCountedAndTimedWhereItIsDelivered() {
        Map<String, String> cluster = Map.of("REDIS_PREFIX", "metrics-fanout", "ANNOUNCE_ONLINE", "false");
        try (RedisServer redis = RedisServer.start();
             TestGateway a = TestGateway.start(with(cluster, "REDIS_URL", redis.uri()));
             TestGateway b = TestGateway.start(with(cluster, "REDIS_URL", redis.uri()));
             TestClient alice = a.connect("m-far-alice");
             TestClient bob = b.connect("m-far-bob")) {
            bob.join("m-far");
            alice.join("m-far");
            bob.await(frame -> TestClient.is(frame, "user_joined")
                    && frame.path("payload").path("user_id").asText().equals("m-far-alice"));
            await().until(() -> Scrape.of(b).value("wsfleet_messages_delivered_total", "type", "user_joined") == 2);
            double timedBefore = Scrape.of(b).value("wsfleet_delivery_latency_seconds_count");

            alice.send("room_message", payload("room_id", "m-far", "message", "across"), "x1");
            bob.await("room_message");

            await().untilAsserted(() -> {
                Scrape scrape = Scrape.of(b);
                assertThat(scrape.value("wsfleet_messages_delivered_total", "type", "room_message")).isEqualTo(1);
                assertThat(scrape.value("wsfleet_delivery_latency_seconds_count") - timedBefore).isEqualTo(1);
                assertThat(scrape.value("wsfleet_broker_subscriptions", "broker", "redis"))
                        .as("broadcast, bob, the room").isEqualTo(3);
            });
            assertThat(Scrape.of(a).value("wsfleet_broker_publish_latency_seconds_count", "broker", "redis"))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> environment = new java.util.HashMap<>(base);
        environment.put(key, value);
        return environment;
    }

    @Test
    void aRedisOutageShowsUpAndClears() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestGateway gateway = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "metrics"));
             TestClient alice = gateway.connect("m-redis")) {
            alice.join("m-redis-room");
            Scrape before = Scrape.of(gateway);
            assertThat(before.value("wsfleet_redis_connected")).isEqualTo(1);
            assertThat(before.value("wsfleet_ready")).isEqualTo(1);
            assertThat(before.value("wsfleet_broker_publish_failures_total", "broker", "redis")).isZero();

            redis.kill();
            await().atMost(RECOVERY).until(() -> Scrape.of(gateway).value("wsfleet_redis_connected") == 0);
            assertThat(Scrape.of(gateway).value("wsfleet_ready")).isZero();
            alice.send("room_message", payload("room_id", "m-redis-room", "message", "lost"), "lost");
            alice.awaitError("publish_failed");
            assertThat(RawUpgrade.send(gateway.gateway().port(), "/ws",
                    "Authorization: Bearer " + Tokens.forUser("m-late"))).startsWith("HTTP/1.1 503");
            Scrape during = Scrape.of(gateway);
            assertThat(during.value("wsfleet_broker_publish_failures_total", "broker", "redis")).isGreaterThanOrEqualTo(1);
            assertThat(during.value("wsfleet_upgrades_refused_total", "reason", "unavailable")).isEqualTo(1);

            redis.restart();
            await().atMost(RECOVERY).untilAsserted(() -> {
                Scrape after = Scrape.of(gateway);
                assertThat(after.value("wsfleet_redis_connected")).isEqualTo(1);
                assertThat(after.value("wsfleet_ready")).isEqualTo(1);
            });
        }
    }
}
