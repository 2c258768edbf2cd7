package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Online/offline is per user over all devices; other devices hear about a new one. */
class PresenceIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.perClass();

    private static boolean about(JsonNode frame, String type, String userId) {
        return TestClient.is(frame, type) && frame.path("payload").path("user_id").asText().equals(userId);
    }

    @Test
    void userIsOnlineFromTheFirstDeviceUntilTheLast() {
        try (TestClient watcher = gateway.connect("p-watcher")) {
            watcher.subscribePresence("p-bob");
            TestClient laptop = gateway.connect("p-bob");
            watcher.await(frame -> about(frame, "user_online", "p-bob"));
            TestClient phone = gateway.connect("p-bob");

            laptop.close();
            // Once the laptop's socket is fully closed on the server, any event it caused is queued.
            await().until(() -> gateway.gateway().openConnections() == 2);
            watcher.sync();
            assertThat(watcher.frames()).noneMatch(frame -> about(frame, "user_offline", "p-bob"));
            assertThat(watcher.frames()).filteredOn(frame -> about(frame, "user_online", "p-bob")).hasSize(1);

            phone.close();
            watcher.await(frame -> about(frame, "user_offline", "p-bob"));
        }
    }

    @Test
    void aClientThatVanishesWithoutACloseFrameGoesOffline() {
        try (TestClient watcher = gateway.connect("p-watcher2")) {
            watcher.subscribePresence("p-vanishing");
            TestClient vanishing = gateway.connect("p-vanishing");
            watcher.await(frame -> about(frame, "user_online", "p-vanishing"));
            vanishing.socket().abort();
            watcher.await(frame -> about(frame, "user_offline", "p-vanishing"));
            assertThat(gateway.gateway().node().deviceCount("p-vanishing")).isZero();
        }
    }

    @Test
    void otherDevicesAreToldAboutANewDeviceWithTheCount() {
        try (TestClient first = gateway.connect("p-carol");
             TestClient second = gateway.connect("p-carol")) {
            JsonNode event = first.await("device_connected");
            assertThat(event.path("payload").path("device_count").asInt()).isEqualTo(2);
            assertThat(event.path("payload").path("user_id").asText()).isEqualTo("p-carol");
            second.sync();
            assertThat(second.frames("device_connected")).isEmpty();

            try (TestClient third = gateway.connect("p-carol")) {
                assertThat(second.await(frame -> TestClient.is(frame, "device_connected")
                        && frame.path("payload").path("device_count").asInt() == 3)).isNotNull();
                third.sync();
            }
        }
    }

    @Test
    void healthCountsConnectionsAndOnlineUsers() {
        // Other tests' sessions of this shared gateway end asynchronously: wait for none before counting.
        await().until(() -> gateway.gateway().node().connectionCount() == 0);
        try (TestClient a = gateway.connect("p-h1"); TestClient b = gateway.connect("p-h1")) {
            a.join("p-h-room");
            b.sync();
            assertThat(health()).containsEntry("connections", 2).containsEntry("users", 1).containsEntry("rooms", 1)
                    .containsEntry("status", "ok").containsEntry("redis", "not_configured");

            try (TestClient c = gateway.connect("p-h2")) {
                c.sync();
                assertThat(health()).containsEntry("connections", 3).containsEntry("users", 2);
            }
            await().untilAsserted(() -> assertThat(health()).containsEntry("connections", 2).containsEntry("users", 1));
        }
    }

    private static Map<String, Object> health() {
        try {
            return new ObjectMapper().readValue(gateway.get("/health").body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
