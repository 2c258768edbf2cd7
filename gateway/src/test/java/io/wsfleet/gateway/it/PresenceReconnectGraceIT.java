package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.support.RedisPerClass;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member the server closes with 1012 (a drain, a shed) keeps its place in its rooms for the reconnect
 * grace: back within it, on any gateway, its room-mates hear neither a leave nor a join; not back, they
 * hear it leave when the grace ends (and at the latest when its gateway stops). A member that closes by
 * itself is heard leaving at once.
 */
class PresenceReconnectGraceIT {
    private static final Duration GRACE = Duration.ofSeconds(2);
    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @Test
    void aMemberDrainedToAnotherGatewayWithinTheGraceIsNeverSeenLeavingOrJoining() throws Exception {
        try (TestGateway drained = gateway("grace-back", GRACE); TestGateway other = gateway("grace-back", GRACE);
             TestClient watcher = other.connect("gb-watcher")) {
            watcher.join("gb-room");
            TestClient mover = member(drained, "gb-mover", "gb-room", watcher);

            drainAway(drained, mover);
            // The client can see its close before the server's closing callback held the leave.
            await().atMost(GRACE).until(() -> Scrape.of(drained).value("wsfleet_presence_leaves_held") == 1);
            try (TestClient back = other.connect("gb-mover")) {
                assertThat(members(back.join("gb-room"))).containsExactly("gb-mover", "gb-watcher");

                await().atMost(GRACE.multipliedBy(5))
                        .until(() -> Scrape.of(drained).value("wsfleet_presence_leaves_held") == 0);
                assertThat(seenAbout(watcher, "gb-mover")).containsExactly("user_joined");
                try (TestClient latecomer = other.connect("gb-latecomer")) {
                    assertThat(members(latecomer.join("gb-room"))).contains("gb-mover");
                }
            }
        }
    }

    @Test
    void aDrainedMemberThatDoesNotComeBackIsSeenLeavingAndOfflineWhenTheGraceEnds() {
        try (TestGateway drained = gateway("grace-gone", GRACE); TestGateway other = gateway("grace-gone", GRACE);
             TestClient watcher = other.connect("gg-watcher")) {
            watcher.join("gg-room");
            TestClient leaver = member(drained, "gg-leaver", "gg-room", watcher);

            drainAway(drained, leaver);
            long closedAt = System.nanoTime();
            watcher.await(frame -> about(frame, "user_offline", "gg-leaver"));

            // The close reached the client a little after the server held the leave.
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isGreaterThan(GRACE.minusMillis(500));
            assertThat(seenAbout(watcher, "gg-leaver")).containsExactly("user_joined", "user_left", "user_offline");
            try (TestClient latecomer = other.connect("gg-latecomer")) {
                assertThat(members(latecomer.join("gg-room"))).containsExactly("gg-latecomer", "gg-watcher");
            }
        }
    }

    @Test
    void aMemberThatClosesItselfIsSeenLeavingAtOnce() {
        Duration longGrace = Duration.ofSeconds(30);
        try (TestGateway gateway = gateway("grace-self", longGrace);
             TestClient watcher = gateway.connect("gs-watcher")) {
            watcher.join("gs-room");
            TestClient leaver = member(gateway, "gs-leaver", "gs-room", watcher);

            leaver.close();

            watcher.await(frame -> about(frame, "user_offline", "gs-leaver"));
            assertThat(seenAbout(watcher, "gs-leaver")).containsExactly("user_joined", "user_left", "user_offline");
            assertThat(Scrape.of(gateway).value("wsfleet_presence_leaves_held")).isZero();
        }
    }

    @Test
    void aStoppingGatewayAnnouncesTheLeavesItStillHoldsBeforeItExits() {
        // Longer than the stop's shutdown grace (3 s in tests) and than the await: only the stop can announce it.
        Duration longGrace = Duration.ofSeconds(60);
        try (TestGateway other = gateway("grace-stop", longGrace); TestClient watcher = other.connect("gt-watcher")) {
            watcher.join("gt-room");
            TestGateway stopping = gateway("grace-stop", longGrace);
            TestClient leaver = member(stopping, "gt-leaver", "gt-room", watcher);
            long stopAt = System.nanoTime();

            stopping.close();

            assertThat(leaver.awaitClose().code()).isEqualTo(CloseCode.SERVICE_RESTART.code());
            watcher.await(frame -> about(frame, "user_offline", "gt-leaver"));
            assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(15));
            assertThat(seenAbout(watcher, "gt-leaver")).containsExactly("user_joined", "user_left", "user_offline");
        }
    }

    private static TestGateway gateway(String prefix, Duration grace) {
        return TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", prefix,
                "PRESENCE_RECONNECT_GRACE_SECONDS", String.valueOf(grace.toSeconds())));
    }

    /** Connects the user and joins the room, once the watcher in the room heard it join. */
    private static TestClient member(TestGateway gateway, String userId, String roomId, TestClient watcher) {
        TestClient member = gateway.connect(userId);
        member.join(roomId);
        watcher.await(frame -> about(frame, "user_joined", userId));
        return member;
    }

    /** Drains the gateway through its admin port: the member's connection is closed with 1012. */
    private static void drainAway(TestGateway gateway, TestClient member) {
        assertThat(gateway.post("/admin/drain", "", TestGateway.API_KEY).statusCode()).isEqualTo(202);
        assertThat(member.awaitClose().code()).isEqualTo(CloseCode.SERVICE_RESTART.code());
    }

    private static boolean about(JsonNode frame, String type, String userId) {
        return TestClient.is(frame, type) && frame.path("payload").path("user_id").asText().equals(userId);
    }

    /** The presence frames about the user the observer received, in order, once everything queued arrived. */
    private static List<String> seenAbout(TestClient observer, String userId) {
        observer.sync();
        return observer.frames().stream()
                .filter(frame -> frame.path("payload").path("user_id").asText().equals(userId))
                .map(frame -> frame.path("type").asText())
                .toList();
    }

    private static List<String> members(JsonNode joinAck) {
        return StreamSupport.stream(joinAck.path("payload").path("members").spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
