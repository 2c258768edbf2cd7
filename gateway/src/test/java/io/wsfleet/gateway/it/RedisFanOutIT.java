package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fan-out contract on a standalone Redis with plain pub/sub. */
class RedisFanOutIT extends FanOutContract {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected Map<String, String> redisEnvironment() {
        return Map.of("REDIS_URL", redis.uri());
    }

    @Override
    protected int subscribers(String channel) {
        return lastInteger(redis.command("PUBSUB", "NUMSUB", channel));
    }

    @Test
    void theRoomDirectoryIsSharedThroughRedis(@TempDir Path dir) throws Exception {
        Path rooms = Files.writeString(dir.resolve("rooms.yaml"), """
                rooms:
                  - id: vip
                    type: private
                    members: [dir-alice]
                """);
        // Only the first gateway reads the seed file; the second learns the room from Redis.
        try (TestGateway seeded = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "directory",
                     "ROOMS_FILE", rooms.toString()));
             TestGateway other = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "directory"));
             TestClient alice = other.connect("dir-alice");
             TestClient bob = other.connect("dir-bob")) {
            alice.join("vip");
            bob.send("join_room", TestClient.payload("room_id", "vip"), "j");
            bob.awaitError("forbidden");
            assertThat(seeded.gateway().node().deviceCount("dir-alice")).isEqualTo(1);
        }
    }

    /**
     * De-duplication of resent client message ids across two gateways: the resend lands on the other
     * gateway of the same Redis.
     */
    @Nested
    class DuplicateMessages extends DuplicateMessagesContract {
        @Override
        protected Map<String, String> redisEnvironment() {
            return RedisFanOutIT.this.redisEnvironment();
        }
    }

    @Nested
    class Recovery extends RecoveryContract {
        @Override
        protected Map<String, String> redisEnvironment() {
            return RedisFanOutIT.this.redisEnvironment();
        }
    }
}
