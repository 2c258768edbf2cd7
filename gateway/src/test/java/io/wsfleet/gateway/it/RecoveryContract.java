package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static io.wsfleet.gateway.support.TestClient.position;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History and recovery as clients see them: positions on kept frames, a join with {@code since} that
 * replays exactly what was missed, {@code history} requests and {@code resume} for direct messages.
 * The client comes back on a second gateway when the subclass configures Redis (nested in
 * {@link RedisFanOutIT} and {@link RedisClusterFanOutIT}), on the same in-memory gateway otherwise
 * ({@link RecoveryIT}).
 */
abstract class RecoveryContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOMS = """
            rooms:
              - id: rc-small
                history:
                  size: 5
              - id: rc-off
                history:
                  size: 0
              - id: rc-short
                history:
                  ttl-seconds: 1
              - id: rc-private
                type: private
                members: [rc-alice]
            """;
    private final List<TestGateway> gateways = new ArrayList<>();
    /** A room per test, so that tests on a shared Redis do not see each other's messages. */
    private final String room = "rc-" + UUID.randomUUID().toString().substring(0, 8);
    private Path seedFile;

    /** Environment of both gateways; empty runs one in-memory gateway reached twice. */
    protected abstract Map<String, String> redisEnvironment();

    @BeforeEach
    void startGateways() throws IOException {
        seedFile = Files.writeString(Files.createTempFile("recovery-rooms-", ".yaml"), ROOMS);
        Map<String, String> environment = new HashMap<>(redisEnvironment());
        environment.put("REDIS_PREFIX", "rec" + System.nanoTime());
        environment.put("ROOMS_FILE", seedFile.toString());
        TestGateway first = TestGateway.start(environment);
        gateways.add(first);
        gateways.add(redisEnvironment().isEmpty() ? first : TestGateway.start(environment));
    }

    @AfterEach
    void stopGateways() throws IOException {
        gateways.stream().distinct().forEach(TestGateway::close);
        Files.deleteIfExists(seedFile);
    }

    @Test
    void aMemberThatComesBackWithItsPositionGetsExactlyWhatItMissedThenTheLiveOnes() {
        try (TestClient bob = gateways.get(0).connect("rc-bob")) {
            bob.join(room);
            JsonNode last;
            try (TestClient alice = gateways.get(0).connect("rc-alice")) {
                JsonNode ack = alice.join(room);
                assertThat(ack.path("payload").path("position").path("offset").asLong()).isZero();
                assertThat(ack.path("payload").has("recovered")).isFalse();
                publish(bob, room, "before-", 3);
                alice.await(frame -> text(frame).equals("before-2"));
                assertThat(offsets(alice.roomMessages(room))).containsExactly(1L, 2L, 3L);
                last = alice.roomMessages(room).getLast();
            }
            publish(bob, room, "missed-", 20);

            try (TestClient alice = gateways.get(1).connect("rc-alice")) {
                JsonNode ack = alice.join(room, position(last));
                assertThat(ack.path("payload").path("recovered").asBoolean()).isTrue();
                assertThat(ack.path("payload").path("position").path("offset").asLong()).isEqualTo(23);
                assertThat(ack.path("payload").path("position").path("epoch").asText()).isEqualTo(last.path("epoch").asText());
                publish(bob, room, "live-", 1);
                alice.await(frame -> text(frame).equals("live-0"));
                alice.sync();

                List<JsonNode> received = alice.roomMessages(room);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    expected.add("missed-" + i);
                }
                expected.add("live-0");
                assertThat(received).extracting(RecoveryContract::text).containsExactlyElementsOf(expected);
                assertThat(offsets(received)).containsExactlyElementsOf(range(4, 24));
                // The answer comes first: nothing of the room passes before it.
                assertThat(alice.frames().indexOf(ack)).isLessThan(alice.frames().indexOf(received.getFirst()));
            }
        }
    }

    @Test
    void aMemberReconnectingTenTimesDuringASteadyStreamEndsWithTheSequenceOfAnAlwaysConnectedOne()
            throws InterruptedException {
        try (TestClient steady = gateways.get(0).connect("rc-steady");
             TestClient publisher = gateways.get(0).connect("rc-publisher")) {
            steady.join(room);
            publisher.join(room);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            Thread publishing = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    publisher.send("room_message", payload("room_id", room, "message", "s-" + sent.get()), null);
                    sent.incrementAndGet();
                    sleep(3); // a few hundred a second
                }
            });
            Random random = new Random(42);
            List<Long> seen = new ArrayList<>();
            JsonNode since = null;
            long startedAt = -1;
            TestClient flapper = null;
            for (int round = 0; round <= 10; round++) {
                flapper = gateways.get(round % 2).connect("rc-flapper");
                JsonNode ack = flapper.join(room, since);
                if (since == null) {
                    startedAt = ack.path("payload").path("position").path("offset").asLong();
                    since = ack.path("payload").path("position");
                } else {
                    assertThat(ack.path("payload").path("recovered").asBoolean())
                            .as("round %d recovered", round).isTrue();
                }
                if (round == 10) {
                    break; // the last connection stays
                }
                sleep(50 + random.nextInt(250));
                if (round % 3 == 0) {
                    flapper.close();
                } else {
                    flapper.socket().abort(); // a cut connection: frames in flight are lost on the way
                }
                List<JsonNode> received = flapper.roomMessages(room);
                seen.addAll(offsets(received));
                if (!received.isEmpty()) {
                    since = position(received.getLast());
                }
            }
            stop.set(true);
            publishing.join();
            int total = sent.get();
            steady.awaitCount("room_message", total);
            long lastOffset = offsets(steady.roomMessages(room)).getLast();
            TestClient last = flapper;
            last.await(frame -> TestClient.is(frame, "room_message") && frame.path("offset").asLong() == lastOffset);
            seen.addAll(offsets(last.roomMessages(room)));
            last.close();

            long from = startedAt;
            List<Long> expected = offsets(steady.roomMessages(room)).stream().filter(offset -> offset > from).toList();
            assertThat(expected).hasSizeGreaterThan(300); // a steady stream throughout the ten reconnects
            assertThat(seen).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aWrongEpochAnOffsetTrimmedOrExpiredOrARoomWithoutHistoryIsNotRecovered() throws InterruptedException {
        try (TestClient bob = gateways.get(0).connect("rc-bob");
             TestClient alice = gateways.get(1).connect("rc-alice")) {
            bob.join(room);
            publish(bob, room, "m-", 3);
            JsonNode ack = alice.join(room, JSON.createObjectNode().put("offset", 1).put("epoch", "someotherepoch"));
            assertNotRecovered(alice, room, ack, 3);

            JsonNode start = bob.join("rc-small").path("payload").path("position");
            publish(bob, "rc-small", "small-", 6);
            ack = alice.join("rc-small", start);
            assertNotRecovered(alice, "rc-small", ack, 6);
            alice.send("leave_room", payload("room_id", "rc-small"), "leave");
            alice.awaitAck("leave");
            // Exactly as many as the room keeps: recovered.
            ack = alice.join("rc-small", JSON.createObjectNode().put("offset", 1).put("epoch", start.path("epoch").asText()));
            assertThat(ack.path("payload").path("recovered").asBoolean()).isTrue();
            alice.awaitCount("room_message", 5);

            JsonNode shortStart = bob.join("rc-short").path("payload").path("position");
            publish(bob, "rc-short", "short-", 2);
            Thread.sleep(1_500); // past the room's 1 s retention
            ack = alice.join("rc-short", shortStart);
            assertNotRecovered(alice, "rc-short", ack, 2);

            JsonNode off = bob.join("rc-off");
            assertThat(off.path("payload").has("position")).isFalse();
            publish(bob, "rc-off", "off-", 1);
            JsonNode unkept = bob.await(frame -> text(frame).equals("off-0"));
            assertThat(unkept.has("offset")).isFalse();
            assertThat(unkept.has("epoch")).isFalse();
            ack = alice.join("rc-off", shortStart);
            assertThat(ack.path("payload").path("recovered").asBoolean(true)).isFalse();
            assertThat(ack.path("payload").has("position")).isFalse();
        }
    }

    @Test
    void historyAnswersTheNewestKeptMessagesNewestLastUnderTheRulesOfAJoin() throws IOException, InterruptedException {
        try (TestClient bob = gateways.get(0).connect("rc-bob");
             TestClient alice = gateways.get(1).connect("rc-alice");
             TestClient carol = gateways.get(1).connect("rc-carol")) {
            bob.join(room);
            publish(bob, room, "h-", 12);
            bob.send("typing", payload("room_id", room), "t"); // published, never kept
            bob.awaitAck("t");

            JsonNode page = history(carol, payload("room_id", room).put("limit", 5));
            assertThat(page.path("messages")).extracting(RecoveryContract::text)
                    .containsExactly("h-7", "h-8", "h-9", "h-10", "h-11");
            assertThat(offsets(page.path("messages"))).containsExactly(8L, 9L, 10L, 11L, 12L);
            assertThat(page.path("position").path("offset").asLong()).isEqualTo(12);
            JsonNode earlier = history(carol, payload("room_id", room).put("limit", 5).put("before", 8));
            assertThat(offsets(earlier.path("messages"))).containsExactly(3L, 4L, 5L, 6L, 7L);
            assertThat(history(carol, payload("room_id", room)).path("messages")).hasSize(12);
            // The frames members received, as they received them.
            assertThat(page.path("messages").get(4)).isEqualTo(bob.roomMessages(room).getLast());

            carol.send("history", payload("room_id", "rc-private"), "p");
            carol.awaitError("forbidden");
            assertThat(history(alice, payload("room_id", "rc-private")).path("messages")).isEmpty();
            carol.send("history", payload("room_id", room).put("limit", 0), "zero");
            carol.awaitError("invalid_field");

            HttpResponse<String> http = gateways.get(1).send(HttpRequest.newBuilder(
                            gateways.get(1).adminUri("/api/rooms/" + room + "/messages?limit=3"))
                    .header("Authorization", "Bearer " + TestGateway.API_KEY).GET().build());
            assertThat(http.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(http.body());
            assertThat(body.path("messages")).extracting(RecoveryContract::text).containsExactly("h-9", "h-10", "h-11");
            assertThat(body.path("position")).isEqualTo(page.path("position"));
            assertThat(gateways.get(1).get("/api/rooms/" + room + "/messages").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void directMessagesMissedWhileAwayAreReplayedByResumeBeforeTheLiveOnes() {
        try (TestClient bob = gateways.get(0).connect("rc-dm-bob")) {
            JsonNode last;
            try (TestClient alice = gateways.get(0).connectResuming("rc-dm-alice", null)) {
                JsonNode ack = alice.awaitAck("resume");
                assertThat(ack.path("payload").path("position").path("offset").asLong()).isZero();
                chat(bob, "rc-dm-alice", "dm-0");
                last = alice.await(frame -> text(frame).equals("dm-0"));
                assertThat(last.path("offset").asLong()).isEqualTo(1);
            }
            for (int i = 1; i <= 3; i++) {
                chat(bob, "rc-dm-alice", "dm-" + i);
            }

            try (TestClient alice = gateways.get(1).connectResuming("rc-dm-alice", position(last))) {
                JsonNode ack = alice.awaitAck("resume");
                assertThat(ack.path("payload").path("recovered").asBoolean()).isTrue();
                assertThat(ack.path("payload").path("position").path("offset").asLong()).isEqualTo(4);
                chat(bob, "rc-dm-alice", "dm-4");
                alice.await(frame -> text(frame).equals("dm-4"));
                alice.sync();
                assertThat(alice.frames("chat")).extracting(RecoveryContract::text)
                        .containsExactly("dm-1", "dm-2", "dm-3", "dm-4");
                assertThat(offsets(alice.frames("chat"))).containsExactly(2L, 3L, 4L, 5L);
                assertThat(alice.frames().indexOf(ack)).isLessThan(alice.frames().indexOf(alice.frames("chat").getFirst()));
            }
            try (TestClient alice = gateways.get(1).connect("rc-dm-alice")) { // its first message was a ping
                alice.send("resume", payload().set("since", position(last)), "late");
                alice.awaitError("resume_too_late");
            }
        }
    }

    @Test
    void publicationsOfThePublishApiCarryTheSamePositionForEveryMemberOnEveryGateway() throws IOException {
        try (TestClient alice = gateways.get(0).connect("rc-alice");
             TestClient bob = gateways.get(1).connect("rc-bob")) {
            alice.join(room);
            bob.join(room);
            HttpResponse<String> sent = gateways.get(0).post("/api/rooms/" + room + "/messages",
                    "{\"type\":\"room_message\",\"payload\":{\"message\":\"from-api\"}}", TestGateway.API_KEY);
            assertThat(sent.statusCode()).isEqualTo(202);
            JsonNode atAlice = alice.await(frame -> text(frame).equals("from-api"));
            JsonNode atBob = bob.await(frame -> text(frame).equals("from-api"));
            assertThat(atAlice.path("offset").asLong()).isEqualTo(1);
            assertThat(atAlice.path("epoch").asText()).isNotBlank();
            assertThat(atBob).isEqualTo(atAlice);
        }
    }

    private static void assertNotRecovered(TestClient client, String roomId, JsonNode ack, long offset) {
        assertThat(ack.path("payload").path("recovered").asBoolean(true)).isFalse();
        assertThat(ack.path("payload").path("position").path("offset").asLong()).isEqualTo(offset);
        client.sync();
        assertThat(client.roomMessages(roomId)).isEmpty();
    }

    /** Publishes {@code count} room messages and waits until the last is acked. */
    private static void publish(TestClient sender, String roomId, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            sender.send("room_message", payload("room_id", roomId, "message", prefix + i), prefix + i);
        }
        sender.awaitAck(prefix + (count - 1));
    }

    private static void chat(TestClient sender, String to, String text) {
        sender.send("chat", payload("to", to, "message", text), text);
        sender.awaitAck(text);
    }

    private static JsonNode history(TestClient client, ObjectNode payload) {
        String id = "history-" + System.nanoTime();
        client.send("history", payload, id);
        return client.awaitAck(id).path("payload");
    }

    private static String text(JsonNode frame) {
        return frame.path("payload").path("message").asText();
    }

    private static List<Long> offsets(Iterable<JsonNode> frames) {
        List<Long> offsets = new ArrayList<>();
        frames.forEach(frame -> offsets.add(frame.path("offset").asLong()));
        return offsets;
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long value = from; value <= to; value++) {
            values.add(value);
        }
        return values;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
