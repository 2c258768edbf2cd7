package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TwoGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code online} and {@code members}, asked on one gateway about users connected to another. */
class PresenceQueriesIT {
    @RegisterExtension
    static final TwoGateways gateways = TwoGateways.onOneRedis("queries", Map.of("ROOMS_FILE", roomsFile().toString()));

    private static Path roomsFile() {
        try {
            Path rooms = Files.createTempFile("queries-rooms", ".yaml");
            rooms.toFile().deleteOnExit();
            return Files.writeString(rooms, """
                    rooms:
                      - id: q-staff
                        type: private
                        members: [q-alice]
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void onlineAnswersWhichOfTheNamedUsersHaveADeviceOnAnyGateway() {
        try (TestClient asker = gateways.a().connect("q-asker");
             TestClient alice = gateways.a().connect("q-alice")) {
            TestClient bob = gateways.b().connect("q-bob");
            assertThat(online(asker, "q1", "q-alice", "q-bob", "q-nobody")).containsExactly("q-alice", "q-bob");

            bob.close();
            await().untilAsserted(() -> assertThat(online(asker, "q2", "q-alice", "q-bob")).containsExactly("q-alice"));
        }
    }

    @Test
    void membersAnswersWhoIsInTheRoomWithTheAccessRuleOfJoining() {
        try (TestClient asker = gateways.a().connect("q-asker2");
             TestClient carol = gateways.b().connect("q-carol");
             TestClient alice = gateways.b().connect("q-alice")) {
            carol.join("q-room");
            alice.join("q-staff");

            asker.send("members", payload("room_id", "q-room"), "m1");
            JsonNode answer = asker.awaitAck("m1").path("payload");
            assertThat(answer.path("room_id").asText()).isEqualTo("q-room");
            assertThat(texts(answer.path("members"))).containsExactly("q-carol");

            asker.send("members", payload("room_id", "q-staff"), "m2");
            assertThat(asker.awaitError("forbidden").path("payload").path("message_id").asText()).isEqualTo("m2");
            alice.send("members", payload("room_id", "q-staff"), "m3");
            assertThat(texts(alice.awaitAck("m3").path("payload").path("members"))).containsExactly("q-alice");
        }
    }

    @Test
    void badQuestionsGetClearErrorsAndTheConnectionCarriesOn() {
        try (TestClient asker = gateways.a().connect("q-asker3")) {
            asker.send("online", TestClient.userIds("q-alice"), null);
            assertThat(asker.awaitError("missing_field").path("payload").path("message").asText()).contains("message_id");

            asker.send("online", TestClient.userIds(java.util.stream.IntStream.range(0, 101).mapToObj(i -> "u" + i)
                    .toArray(String[]::new)), "e1");
            assertThat(errorFor(asker, "e1")).isEqualTo("invalid_field");

            asker.send("online", payload("user_ids", "q-alice"), "e2");
            assertThat(errorFor(asker, "e2")).isEqualTo("invalid_field");

            asker.send("members", payload(), "e3");
            assertThat(errorFor(asker, "e3")).isEqualTo("missing_field");

            assertThat(online(asker, "e4", "q-asker3")).containsExactly("q-asker3");
        }
    }

    /** The code of the error answering the message with this id. */
    private static String errorFor(TestClient client, String messageId) {
        return client.await(frame -> TestClient.is(frame, "error")
                && frame.path("payload").path("message_id").asText().equals(messageId)).path("payload").path("code").asText();
    }

    private static List<String> online(TestClient asker, String messageId, String... userIds) {
        asker.send("online", TestClient.userIds(userIds), messageId);
        return texts(asker.awaitAck(messageId).path("payload").path("online"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(entry -> texts.add(entry.asText()));
        return texts;
    }
}
