package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.wsfleet.gateway.support.RedisCluster;
import io.wsfleet.gateway.support.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fan-out contract on a 3-master Redis Cluster, where gateways use sharded pub/sub. */
class RedisClusterFanOutIT extends FanOutContract {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected Map<String, String> redisEnvironment() {
        return Map.of("REDIS_URL", cluster.uri(), "REDIS_CLUSTER", "true");
    }

    @Test
    void subscriptionsOnARestartedMasterComeBack() {
        try (TestClient publisher = gateway(0).connect("rs-pub");
             TestClient subscriber = gateway(1).connect("rs-sub")) {
            publisher.join("rs-room");
            subscriber.join("rs-room");
            String channel = prefix + ":room:rs-room";
            int owner = cluster.ports().stream()
                    .filter(port -> lastInteger(cluster.command(port, "PUBSUB", "SHARDNUMSUB", channel)) > 0)
                    .findFirst().orElseThrow();

            cluster.restartNode(owner);

            subscriber.await("continuity_lost");
            publisher.await("continuity_lost");
            // Both member gateways subscribe again, each once its connection to that master is back
            // and the master serves its slots.
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribers(channel) == 2);
            publisher.send("room_message", payload("room_id", "rs-room", "message", "after restart"), null);
            subscriber.await(frame -> TestClient.is(frame, "room_message")
                    && frame.path("payload").path("message").asText().equals("after restart"));
        }
    }

    /** A shard channel lives on the master owning its slot; the others report zero. */
    @Override
    protected int subscribers(String channel) {
        return cluster.ports().stream()
                .mapToInt(port -> lastInteger(cluster.command(port, "PUBSUB", "SHARDNUMSUB", channel)))
                .sum();
    }

    /**
     * De-duplication of resent client message ids across two gateways: the script's key must share the
     * shard channel's slot.
     */
    @Nested
    class DuplicateMessages extends DuplicateMessagesContract {
        @Override
        protected Map<String, String> redisEnvironment() {
            return RedisClusterFanOutIT.this.redisEnvironment();
        }
    }

    @Nested
    class Recovery extends RecoveryContract {
        @Override
        protected Map<String, String> redisEnvironment() {
            return RedisClusterFanOutIT.this.redisEnvironment();
        }
    }
}
