package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.TwoGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code user_online}/{@code user_offline} on two gateways sharing a Redis: they reach the sessions
 * that subscribed to the user and (offline) the rooms the user's last device was in, nobody else; a
 * connection follows at most 100 users; a page reload in either order, on two gateways, leaves every
 * observer seeing the user online.
 */
class ScopedPresenceIT {
    @RegisterExtension
    static final TwoGateways gateways = TwoGateways.onOneRedis("scoped", Map.of());

    private static boolean about(JsonNode frame, String type, String userId) {
        return TestClient.is(frame, type) && frame.path("payload").path("user_id").asText().equals(userId);
    }

    @Test
    void onlySubscribersAndRoomMatesHearAUserGoOnlineAndOffline() {
        try (TestClient subscriber = gateways.a().connect("sp-subscriber");
             TestClient roommate = gateways.b().connect("sp-roommate");
             TestClient stranger = gateways.a().connect("sp-stranger")) {
            JsonNode ack = subscriber.subscribePresence("sp-user");
            assertThat(ack.path("payload").path("following").asInt()).isEqualTo(1);
            assertThat(ack.path("payload").path("online")).isEmpty();
            roommate.join("sp-room");
            stranger.join("sp-elsewhere");

            TestClient user = gateways.b().connect("sp-user");
            JsonNode online = subscriber.await(frame -> about(frame, "user_online", "sp-user"));
            assertThat(online.path("payload").path("seq").asLong()).isPositive();
            user.join("sp-room");
            roommate.await(frame -> about(frame, "user_joined", "sp-user"));

            user.close();
            JsonNode offline = subscriber.await(frame -> about(frame, "user_offline", "sp-user"));
            assertThat(offline.path("payload").path("seq").asLong()).isGreaterThan(online.path("payload").path("seq").asLong());
            roommate.await(frame -> about(frame, "user_offline", "sp-user"));
            List<String> roommateSaw = roommate.frames().stream()
                    .filter(frame -> frame.path("payload").path("user_id").asText().equals("sp-user"))
                    .map(frame -> frame.path("type").asText()).toList();
            assertThat(roommateSaw).containsExactly("user_joined", "user_left", "user_offline");

            stranger.sync();
            assertThat(stranger.frames()).noneMatch(frame -> about(frame, "user_online", "sp-user")
                    || about(frame, "user_offline", "sp-user"));
        }
    }

    @Test
    void aConnectionFollowsAtMostAHundredUsersAndStopsHearingThoseItUnsubscribed() {
        try (TestClient follower = gateways.a().connect("sp-follower")) {
            String[] hundred = IntStream.range(0, 100).mapToObj(i -> "sp-f" + i).toArray(String[]::new);
            assertThat(follower.subscribePresence(hundred).path("payload").path("following").asInt()).isEqualTo(100);
            assertThat(follower.subscribePresence("sp-f0").path("payload").path("following").asInt())
                    .as("already followed: not one more").isEqualTo(100);

            follower.send("presence_subscribe", TestClient.userIds("sp-one-too-many"), "over");
            JsonNode refused = follower.await(frame -> TestClient.is(frame, "error")
                    && frame.path("payload").path("message_id").asText().equals("over"));
            assertThat(refused.path("payload").path("code").asText()).isEqualTo("invalid_field");

            follower.send("presence_unsubscribe", TestClient.userIds("sp-f1"), "un");
            assertThat(follower.awaitAck("un").path("payload").path("following").asInt()).isEqualTo(99);
            try (TestClient dropped = gateways.b().connect("sp-f1"); TestClient kept = gateways.b().connect("sp-f2")) {
                follower.await(frame -> about(frame, "user_online", "sp-f2"));
                follower.sync();
                assertThat(follower.frames()).noneMatch(frame -> about(frame, "user_online", "sp-f1"));
            }
        }
    }

    @Test
    void aReloadOnTwoGatewaysInEitherOrderLeavesEveryObserverSeeingTheUserOnline() {
        try (TestClient onA = gateways.a().connect("sp-watch-a");
             TestClient onB = gateways.b().connect("sp-watch-b")) {
            onA.subscribePresence("sp-reloader");
            onB.subscribePresence("sp-reloader");
            TestClient page = gateways.a().connect("sp-reloader");
            onA.await(frame -> about(frame, "user_online", "sp-reloader"));
            onB.await(frame -> about(frame, "user_online", "sp-reloader"));
            for (int round = 0; round < 6; round++) {
                TestGateway next = round % 2 == 0 ? gateways.b() : gateways.a();
                if (round % 4 < 2) {
                    // New page first, then the old one goes.
                    TestClient reloaded = next.connect("sp-reloader");
                    page.close();
                    page = reloaded;
                } else {
                    // The old page goes first: the user is offline for a moment.
                    page.close();
                    page = next.connect("sp-reloader");
                }
            }
            TestClient last = page;
            await().until(() -> gateways.a().gateway().node().deviceCount("sp-reloader") == 1);
            try (last) {
                for (TestClient observer : List.of(onA, onB)) {
                    await().untilAsserted(() -> assertThat(lastPresence(observer, "sp-reloader")).isEqualTo("user_online"));
                    observer.sync();
                    assertThat(lastPresence(observer, "sp-reloader")).as("still online after every frame arrived")
                            .isEqualTo("user_online");
                }
            }
        }
    }

    @Test
    void withTheFleetWideOptInEverySessionHearsIt() {
        try (TestGateway everyone = TestGateway.start(Map.of("ANNOUNCE_ONLINE", "true"));
             TestClient stranger = everyone.connect("sp-anyone")) {
            TestClient user = everyone.connect("sp-announced");
            stranger.await(frame -> about(frame, "user_online", "sp-announced"));
            user.close();
            stranger.await(frame -> about(frame, "user_offline", "sp-announced"));
        }
    }

    private static String lastPresence(TestClient observer, String userId) {
        List<JsonNode> events = observer.frames().stream()
                .filter(frame -> about(frame, "user_online", userId) || about(frame, "user_offline", userId)).toList();
        return events.isEmpty() ? "none" : events.get(events.size() - 1).path("type").asText();
    }
}
