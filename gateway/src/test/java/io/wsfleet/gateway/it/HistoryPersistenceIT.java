package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static io.wsfleet.gateway.support.TestClient.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * What a Redis restart does to history: with append-only persistence every position survives and a
 * member recovers; without persistence the stream starts a new epoch and the member is told
 * {@code recovered: false}, never given a silent gap.
 */
class HistoryPersistenceIT {
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final String ROOM = "persist-room";

    @Test
    void aRedisRestartedFromItsAppendOnlyFileKeepsThePositionsAndTheMemberRecovers() {
        try (RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always")) {
            JsonNode last = publishRestartAndRejoin(redis, ack -> {
                assertThat(ack.path("payload").path("recovered").asBoolean()).isTrue();
                assertThat(ack.path("payload").path("position").path("offset").asLong()).isEqualTo(8);
            });
            assertThat(last.path("offset").asLong()).isEqualTo(5);
        }
    }

    @Test
    void aRedisRestartedEmptyStartsANewEpochAndNothingIsRecovered() {
        try (RedisServer redis = RedisServer.start()) {
            JsonNode last = publishRestartAndRejoin(redis, ack -> {
                assertThat(ack.path("payload").path("recovered").asBoolean(true)).isFalse();
                assertThat(ack.path("payload").path("position").path("offset").asLong()).isEqualTo(3);
            });
            assertThat(last.path("offset").asLong()).isEqualTo(5);
        }
    }

    /**
     * A member sees 5 messages and leaves; Redis restarts; 3 more are published; the member rejoins
     * with its last position. Returns that position's frame after checking the ack and the replay.
     */
    private static JsonNode publishRestartAndRejoin(RedisServer redis, java.util.function.Consumer<JsonNode> checkAck) {
        try (TestGateway gateway = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "persist"));
             TestClient bob = gateway.connect("persist-bob")) {
            bob.join(ROOM);
            JsonNode last;
            try (TestClient alice = gateway.connect("persist-alice")) {
                alice.join(ROOM);
                bob.publish(ROOM, "before-", 5);
                last = alice.await(frame -> TestClient.message(frame).equals("before-4"));
            }
            redis.restart();
            await().atMost(RECOVERY).until(() -> gateway.get("/health/ready").statusCode() == 200);
            bob.await("continuity_lost");
            bob.publish(ROOM, "after-", 3);

            try (TestClient alice = gateway.connect("persist-alice")) {
                JsonNode ack = alice.join(ROOM, position(last));
                checkAck.accept(ack);
                boolean recovered = ack.path("payload").path("recovered").asBoolean();
                if (recovered) {
                    alice.await(frame -> TestClient.message(frame).equals("after-2"));
                }
                alice.sync();
                assertThat(alice.roomMessages(ROOM)).extracting(TestClient::message)
                        .containsExactlyElementsOf(recovered ? java.util.List.of("after-0", "after-1", "after-2")
                                : java.util.List.of());
                if (!recovered) {
                    assertThat(ack.path("payload").path("position").path("epoch").asText())
                            .isNotEqualTo(last.path("epoch").asText());
                }
            }
            return last;
        }
    }
}
