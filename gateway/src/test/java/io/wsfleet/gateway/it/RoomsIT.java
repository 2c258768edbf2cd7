package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining, leaving and talking in rooms, with the room directory's access rules. */
class RoomsIT {
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path rooms = dir.resolve("rooms.yaml");
        Files.writeString(rooms, """
                rooms:
                  - id: lobby
                    type: public
                  - id: staff
                    type: private
                    members: [alice]
                """);
        gateway = TestGateway.start(Map.of("ROOMS_FILE", rooms.toString()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void roomMessageReachesEveryMemberDeviceOnceIncludingTheSender() {
        try (TestClient alice = gateway.connect("r1-alice");
             TestClient bob = gateway.connect("r1-bob");
             TestClient bobPhone = gateway.connect("r1-bob");
             TestClient outsider = gateway.connect("r1-eve")) {
            alice.join("r1");
            bob.join("r1");
            bobPhone.join("r1");

            alice.send("room_message", payload("room_id", "r1", "message", "hello"), "m-1");

            JsonNode ack = alice.awaitAck("m-1");
            for (TestClient member : List.of(alice, bob, bobPhone)) {
                JsonNode received = member.await("room_message");
                assertThat(received.path("payload").path("message").asText()).isEqualTo("hello");
                assertThat(received.path("from").asText()).isEqualTo("r1-alice");
                assertThat(received.path("message_id").asText())
                        .isEqualTo(ack.path("payload").path("server_message_id").asText());
                assertThat(received.path("timestamp").asLong()).isPositive();
                member.sync();
                assertThat(member.frames("room_message")).hasSize(1);
            }
            outsider.sync();
            assertThat(outsider.frames("room_message")).isEmpty();
        }
    }

    @Test
    void joinAckListsMembersAndOthersSeeUserJoinedAndUserLeft() {
        try (TestClient alice = gateway.connect("r2-alice");
             TestClient bob = gateway.connect("r2-bob")) {
            alice.join("r2");
            JsonNode ack = bob.join("r2");
            assertThat(ack.path("payload").path("members")).extracting(JsonNode::asText)
                    .containsExactly("r2-alice", "r2-bob");

            JsonNode joined = alice.await(frame -> TestClient.is(frame, "user_joined")
                    && frame.path("payload").path("user_id").asText().equals("r2-bob"));
            assertThat(joined.path("payload").path("room_id").asText()).isEqualTo("r2");

            bob.send("leave_room", payload("room_id", "r2"), "leave-1");
            bob.awaitAck("leave-1");
            alice.await(frame -> TestClient.is(frame, "user_left")
                    && frame.path("payload").path("user_id").asText().equals("r2-bob"));

            alice.send("room_message", payload("room_id", "r2", "message", "after leave"), null);
            alice.await("room_message");
            bob.sync();
            assertThat(bob.frames("room_message")).isEmpty();
        }
    }

    @Test
    void userJoinedOnlyForTheFirstDeviceAndUserLeftOnlyAfterTheLast() {
        try (TestClient watcher = gateway.connect("r3-watcher");
             TestClient laptop = gateway.connect("r3-bob");
             TestClient phone = gateway.connect("r3-bob")) {
            watcher.join("r3");
            laptop.join("r3");
            phone.join("r3");
            laptop.send("leave_room", payload("room_id", "r3"), "l1");
            laptop.awaitAck("l1");
            watcher.sync();
            assertThat(watcher.frames("user_joined")).filteredOn(f -> f.path("payload").path("user_id")
                    .asText().equals("r3-bob")).hasSize(1);
            assertThat(watcher.frames("user_left")).isEmpty();

            phone.send("leave_room", payload("room_id", "r3"), "l2");
            watcher.await("user_left");
        }
    }

    @Test
    void typingIsNotEchoedToAnyOfTheSendersDevices() {
        try (TestClient alice = gateway.connect("r4-alice");
             TestClient alicePhone = gateway.connect("r4-alice");
             TestClient bob = gateway.connect("r4-bob")) {
            alice.join("r4");
            alicePhone.join("r4");
            bob.join("r4");
            alice.send("typing", payload("room_id", "r4"), "t1");
            alice.awaitAck("t1");
            JsonNode typing = bob.await("typing");
            assertThat(typing.path("from").asText()).isEqualTo("r4-alice");
            assertThat(typing.path("payload").path("is_typing").asBoolean()).isTrue();

            // Room delivery is ordered: once this later message arrives, the typing event would have too.
            alice.send("room_message", payload("room_id", "r4", "message", "marker"), null);
            alice.await("room_message");
            alicePhone.await("room_message");
            assertThat(alice.frames("typing")).isEmpty();
            assertThat(alicePhone.frames("typing")).isEmpty();
        }
    }

    @Test
    void privateRoomRefusesNonMembersButTheConnectionStaysUsable() {
        try (TestClient eve = gateway.connect("eve")) {
            eve.send("join_room", payload("room_id", "staff"), "j1");
            JsonNode error = eve.awaitError("forbidden");
            assertThat(error.path("payload").path("message_id").asText()).isEqualTo("j1");
            eve.join("lobby");
            eve.sync();
            assertThat(eve.isClosed()).isFalse();
        }
    }

    @Test
    void privateRoomAdmitsDirectoryMembersAndTokenGrants() {
        try (TestClient alice = gateway.connect("alice");
             TestClient granted = gateway.connectWithToken(Tokens.forUser("dave", List.of("staff")))) {
            alice.join("staff");
            granted.join("staff");
            granted.send("room_message", payload("room_id", "staff", "message", "hi staff"), null);
            alice.await("room_message");
        }
    }

    @Test
    void messagesOfConcurrentPublishersArriveInTheSameOrderForEveryMember() throws Exception {
        int perPublisher = 200;
        try (TestClient p1 = gateway.connect("r5-p1");
             TestClient p2 = gateway.connect("r5-p2");
             TestClient s1 = gateway.connect("r5-s1");
             TestClient s2 = gateway.connect("r5-s2")) {
            for (TestClient client : List.of(p1, p2, s1, s2)) {
                client.join("r5");
            }
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (TestClient publisher : List.of(p1, p2)) {
                    pool.submit(() -> IntStream.range(0, perPublisher).forEach(i -> publisher.send("room_message",
                            payload("room_id", "r5", "message", publisher.hashCode() + ":" + i), null)));
                }
            }
            List<List<String>> orders = List.of(p1, p2, s1, s2).stream().map(client -> {
                client.awaitCount("room_message", 2 * perPublisher);
                return client.frames("room_message").stream()
                        .map(frame -> frame.path("message_id").asText()).toList();
            }).toList();
            assertThat(orders.get(0)).hasSize(2 * perPublisher).doesNotHaveDuplicates();
            assertThat(orders).allSatisfy(order -> assertThat(order).isEqualTo(orders.get(0)));
        }
    }

    @Test
    void unknownRoomsCanBeRefused() {
        try (TestGateway strict = TestGateway.start(Map.of("UNKNOWN_ROOMS", "reject"));
             TestClient client = strict.connect("frank")) {
            client.send("join_room", payload("room_id", "nowhere"), "j");
            client.awaitError("room_not_found");
        }
    }
}
