package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.SharedRoom;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * Redis crashes and comes back empty while two gateways serve: sessions stay open, readiness goes
 * down and up, publishes fail fast in between, subscriptions and presence come back, and clients are
 * told that they may have missed messages.
 */
class RedisOutageIT {
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @Test
    void gatewaysSurviveARedisRestart() {
        try (RedisServer redis = RedisServer.start();
             SharedRoom shared = SharedRoom.start(redis.uri(), "out")) {
            TestGateway a = shared.a();
            TestGateway b = shared.b();
            TestClient alice = shared.alice();
            TestClient bob = shared.bob();
            alice.send("room_message", payload("room_id", "out-room", "message", "before"), "m1");
            bob.await(frame -> TestClient.is(frame, "room_message"));
            assertThat(a.get("/health/ready").statusCode()).isEqualTo(200);

            redis.kill();

            await().atMost(RECOVERY).until(() -> a.get("/health/ready").statusCode() == 503
                    && b.get("/health/ready").statusCode() == 503);
            assertThat(a.get("/health").body()).contains("\"redis\":\"error\"");
            alice.send("room_message", payload("room_id", "out-room", "message", "during"), "m2");
            JsonNode refused = alice.awaitError("publish_failed");
            assertThat(refused.path("payload").path("message_id").asText()).isEqualTo("m2");
            assertThat(alice.isClosed()).isFalse();
            assertThat(bob.isClosed()).isFalse();

            redis.restart();

            await().atMost(RECOVERY).until(shared::bothReady);
            JsonNode gap = bob.await("continuity_lost");
            assertThat(gap.path("payload").path("rooms")).extracting(JsonNode::asText).containsExactly("out-room");
            alice.await("continuity_lost");

            // Subscriptions and presence were re-established on the empty Redis.
            shared.awaitDelivery("after", RECOVERY);
            assertThat(b.gateway().node().deviceCount("out-alice")).isEqualTo(1);
            assertThat(bob.frames("room_message")).noneMatch(frame ->
                    frame.path("payload").path("message").asText().equals("during"));
        }
    }

    @Test
    void whatEndedDuringAnOutageIsCleanedUpWhenRedisComesBackWithItsData() {
        // Redis keeps its data across the crash (append-only file, every write synced), so the
        // gateway must remove what it could not remove while Redis was away.
        try (RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
             TestGateway a = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "stale"));
             TestGateway b = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "stale"));
             TestClient alice = a.connect("st-alice");
             TestClient bob = b.connect("st-bob")) {
            alice.join("st-room");
            bob.join("st-room");
            alice.join("st-alone");
            TestClient eve = a.connect("st-eve");

            redis.kill();
            await().atMost(RECOVERY).until(() -> a.get("/health/ready").statusCode() == 503);
            alice.send("leave_room", payload("room_id", "st-room"), "l1");
            alice.awaitAck("l1");
            alice.send("leave_room", payload("room_id", "st-alone"), "l2");
            alice.awaitAck("l2");
            eve.close();
            await().until(() -> a.gateway().openConnections() == 1);

            redis.restart();
            await().atMost(RECOVERY).until(() -> a.get("/health/ready").statusCode() == 200
                    && b.get("/health/ready").statusCode() == 200);
            alice.await("continuity_lost");

            // The user_left this causes may reach bob before his gateway has re-subscribed (he got
            // continuity_lost for that), so check the shared state itself.
            try (TestClient carol = b.connect("st-carol")) {
                await().atMost(RECOVERY).untilAsserted(() ->
                        assertThat(carol.join("st-room").path("payload").path("members"))
                                .extracting(JsonNode::asText).containsExactly("st-bob", "st-carol"));
            }
            assertThat(b.gateway().node().deviceCount("st-eve")).isZero();
            await().atMost(RECOVERY).until(() -> subscribers(redis, "stale:room:st-alone") == 0
                    && subscribers(redis, "stale:user:st-eve") == 0);
        }
    }

    private static int subscribers(RedisServer redis, String channel) {
        String[] lines = redis.command("PUBSUB", "NUMSUB", channel).split("\r\n");
        return Integer.parseInt(lines[lines.length - 1].substring(1));
    }
}
