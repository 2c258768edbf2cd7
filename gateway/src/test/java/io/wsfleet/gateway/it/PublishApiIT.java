package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backends publish to everyone, to a user or to a room through the admin port, with an API key. */
class PublishApiIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.perClass();

    @Test
    void broadcastReachesEveryConnection() {
        try (TestClient a = gateway.connect("pub-a"); TestClient b = gateway.connect("pub-b")) {
            HttpResponse<String> response = gateway.post("/api/broadcast",
                    "{\"payload\":{\"text\":\"maintenance at noon\"}}", TestGateway.API_KEY);
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).contains("\"message_id\"");
            for (TestClient client : new TestClient[] {a, b}) {
                JsonNode notification = client.await("notification");
                assertThat(notification.path("payload").path("text").asText()).isEqualTo("maintenance at noon");
                assertThat(notification.path("from").asText()).isEqualTo("system");
            }
        }
    }

    @Test
    void userMessageReachesOnlyThatUsersDevices() {
        try (TestClient laptop = gateway.connect("pub-u1");
             TestClient phone = gateway.connect("pub-u1");
             TestClient other = gateway.connect("pub-u2")) {
            HttpResponse<String> response = gateway.post("/api/users/pub-u1/messages",
                    "{\"type\":\"notification\",\"from\":\"billing\",\"payload\":{\"text\":\"invoice\"}}",
                    TestGateway.API_KEY);
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(laptop.await("notification").path("from").asText()).isEqualTo("billing");
            phone.await("notification");
            other.sync();
            assertThat(other.frames("notification")).isEmpty();
        }
    }

    @Test
    void roomMessageReachesTheRoomsMembers() {
        try (TestClient member = gateway.connect("pub-r1"); TestClient outsider = gateway.connect("pub-r2")) {
            member.join("news");
            HttpResponse<String> response = gateway.post("/api/rooms/news/messages",
                    "{\"type\":\"room_message\",\"payload\":{\"message\":\"headline\"}}", TestGateway.API_KEY);
            assertThat(response.statusCode()).isEqualTo(202);
            JsonNode message = member.await("room_message");
            assertThat(message.path("payload").path("room_id").asText()).isEqualTo("news");
            assertThat(message.path("payload").path("message").asText()).isEqualTo("headline");
            outsider.sync();
            assertThat(outsider.frames("room_message")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong-key", ""})
    void wrongOrMissingKeyIsRefused(String key) {
        HttpResponse<String> response = gateway.post("/api/broadcast", "{}", key.isEmpty() ? null : key);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"type\":\"chat\"}", "{\"payload\":\"text\"}"})
    void badBodiesAreRefusedWith400(String body) {
        assertThat(gateway.post("/api/broadcast", body, TestGateway.API_KEY).statusCode()).isEqualTo(400);
    }

    /** Found by PublishApiFuzzTest: a POST without a body was answered 500. */
    @Test
    void anEmptyBodyIsABadBody() {
        HttpResponse<String> response = gateway.post("/api/broadcast", "", TestGateway.API_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"bad_body\"");
    }

    @Test
    void invalidRoomIdIsRefused() {
        assertThat(gateway.post("/api/rooms/bad%20room/messages", "{}", TestGateway.API_KEY).statusCode())
                .isEqualTo(400);
    }

    @Test
    void apiIsDisabledWithoutAConfiguredKey() {
        try (TestGateway keyless = TestGateway.start(Map.of("PUBLISH_API_KEY", ""))) {
            HttpResponse<String> response = keyless.post("/api/broadcast", "{}", "anything");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("\"error\":\"disabled\"");
        }
    }
}
