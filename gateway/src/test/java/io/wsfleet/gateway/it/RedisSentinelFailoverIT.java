package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.RedisSentinels;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * Two gateways on a replicated Redis watched by Sentinels (redis-sentinel:// URL), and the master crashes:
 * as docs/operations.md says, sessions stay open, readiness goes down until the Sentinels have promoted the
 * replica and both connections have found it, clients are told that they may have missed messages, and
 * messages flow again through the new master; readiness then stays up (the lost master is not held
 * against the gateway). A planned failover, as before a drain, is followed the same way.
 */
class RedisSentinelFailoverIT {
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @Test
    void gatewaysFollowTheSentinelsToThePromotedReplica() {
        try (RedisSentinels redis = RedisSentinels.start();
             TestGateway a = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "ha"));
             TestGateway b = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "ha"));
             TestClient alice = a.connect("ha-alice");
             TestClient bob = b.connect("ha-bob")) {
            alice.join("ha-room");
            bob.join("ha-room");
            alice.send("room_message", payload("room_id", "ha-room", "message", "before"), "m1");
            bob.await(frame -> TestClient.is(frame, "room_message"));
            assertThat(ready(a)).isEqualTo(200);
            int replica = redis.replicaPort();

            long killed = System.nanoTime();
            redis.killMaster();

            await().atMost(FAILOVER).until(() -> ready(a) == 503);
            await().atMost(FAILOVER).until(() -> ready(a) == 200 && ready(b) == 200);
            // reported, not asserted: the figure docs/operator.md gives
            System.out.printf("RedisSentinelFailoverIT: both gateways ready %d ms after the master was killed (Sentinels judge"
                    + " a master down after %d ms)%n", (System.nanoTime() - killed) / 1_000_000, RedisSentinels.DOWN_AFTER.toMillis());
            assertThat(redis.masterPort()).as("the Sentinels promoted the replica").isEqualTo(replica);
            JsonNode gap = bob.await("continuity_lost");
            assertThat(gap.path("payload").path("rooms")).extracting(JsonNode::asText).containsExactly("ha-room");
            alice.await("continuity_lost");
            assertThat(alice.isClosed()).isFalse();
            assertThat(bob.isClosed()).isFalse();

            await().atMost(FAILOVER).untilAsserted(() -> {
                alice.send("room_message", payload("room_id", "ha-room", "message", "after"), null);
                bob.await(frame -> TestClient.is(frame, "room_message")
                        && frame.path("payload").path("message").asText().equals("after"));
            });
            assertThat(redis.command(replica, "PUBSUB", "CHANNELS", "ha:*")).as("subscriptions on the new master")
                    .contains("ha-room");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> ready(a) == 200 && ready(b) == 200);
        }
    }

    @Test
    void aPlannedFailoverIsFollowedToo() {
        try (RedisSentinels redis = RedisSentinels.start();
             TestGateway a = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "planned"));
             TestGateway b = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "planned"));
             TestClient alice = a.connect("pl-alice");
             TestClient bob = b.connect("pl-bob")) {
            alice.join("pl-room");
            bob.join("pl-room");
            int master = redis.masterPort();
            int replica = redis.replicaPort();

            long started = System.nanoTime();
            redis.failover();
            await().atMost(FAILOVER).until(() -> redis.masterPort() == replica && redis.command(master, "ROLE").contains("slave"));

            // the demoted master closes its clients: publishing through it would fail (READONLY) with readiness up
            await().atMost(FAILOVER).untilAsserted(() -> {
                alice.send("room_message", payload("room_id", "pl-room", "message", "after"), null);
                bob.await(frame -> TestClient.is(frame, "room_message")
                        && frame.path("payload").path("message").asText().equals("after"));
            });
            await().atMost(FAILOVER).until(() -> ready(a) == 200 && ready(b) == 200);
            System.out.printf("RedisSentinelFailoverIT: messages flow and both gateways are ready %d ms after SENTINEL FAILOVER%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(redis.command(replica, "PUBSUB", "CHANNELS", "planned:*")).contains("pl-room");
            bob.await("continuity_lost");
        }
    }

    private static int ready(TestGateway gateway) {
        return gateway.get("/health/ready").statusCode();
    }
}
