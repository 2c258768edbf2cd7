package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, origins and room seeds edited in the watched files apply within seconds, without a restart. */
class ConfigReloadIT {

    @Test
    void aLimitChangedInTheWatchedFileAppliesToAnOpenSession(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        try (TestGateway gateway = startWatching(config);
             TestClient client = gateway.connect("reloaded")) {
            for (int i = 0; i < 5; i++) {
                chat(client, "before-" + i);
                client.awaitAck("before-" + i);
            }

            Files.writeString(config, "limits:\n  messages-per-minute: 2\n");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String id = "probe-" + System.nanoTime();
                chat(client, id);
                JsonNode answer = client.await(frame -> id.equals(frame.path("payload").path("message_id").asText()));
                assertThat(answer.path("payload").path("code").asText()).isEqualTo("rate_limited");
            });
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void anInvalidFileIsRefusedAndTheLastGoodConfigurationStays(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        try (TestGateway gateway = startWatching(config);
             TestClient client = gateway.connect("kept")) {
            Files.writeString(config, "limits:\n  messages-per-minute: -5\n");
            Thread.sleep(2_500); // more than two reload periods
            for (int i = 0; i < 20; i++) {
                chat(client, "m-" + i);
                client.awaitAck("m-" + i);
            }
        }
    }

    @Test
    void aRoomAddedToTheSeedFileIsEnforcedWithoutARestart(@TempDir Path dir) throws Exception {
        Path rooms = dir.resolve("rooms.yaml");
        Files.writeString(rooms, "rooms: []\n");
        try (TestGateway gateway = TestGateway.start(Map.of("ROOMS_FILE", rooms.toString(),
                "CONFIG_RELOAD_SECONDS", "1"));
             TestClient outsider = gateway.connect("outsider")) {
            outsider.join("board"); // unknown rooms are public by default

            Files.writeString(rooms, "rooms:\n  - id: board\n    type: private\n    members: [ceo]\n");
            Thread.sleep(2_500); // more than two reload periods

            try (TestClient latecomer = gateway.connect("latecomer")) {
                latecomer.send("join_room", payload("room_id", "board"), "j");
                latecomer.awaitError("forbidden");
            }
        }
    }

    @Test
    void originsChangedInTheWatchedFileApplyToTheNextUpgrade(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "origins:\n  allowed: https://old.example.com\n");
        try (TestGateway gateway = TestGateway.start(Map.of("WSFLEET_CONFIG", config.toString(),
                "CONFIG_RELOAD_SECONDS", "1"))) {
            assertThat(upgradeFrom(gateway, "https://new.example.com")).startsWith("HTTP/1.1 403");
            assertThat(upgradeFrom(gateway, "https://old.example.com")).startsWith("HTTP/1.1 101");

            Files.writeString(config, "origins:\n  allowed: https://new.example.com\n");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(upgradeFrom(gateway, "https://new.example.com")).startsWith("HTTP/1.1 101"));
            assertThat(upgradeFrom(gateway, "https://old.example.com")).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void historyRetentionChangedInTheWatchedFileAppliesToTheNextPublication(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        try (TestGateway gateway = startWatching(config);
             TestClient client = gateway.connect("history-reload")) {
            client.join("reload-room");
            client.send("room_message", payload("room_id", "reload-room", "message", "kept"), "kept");
            assertThat(client.await(frame -> frame.path("payload").path("message").asText().equals("kept")).has("offset"))
                    .isTrue();

            Files.writeString(config, "limits:\n  messages-per-minute: 1000\nhistory:\n  size: 0\n");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String id = "probe-" + System.nanoTime();
                client.send("room_message", payload("room_id", "reload-room", "message", id), id);
                JsonNode frame = client.await(received -> received.path("payload").path("message").asText().equals(id));
                assertThat(frame.has("offset")).isFalse();
            });
        }
    }

    private static String upgradeFrom(TestGateway gateway, String origin) throws Exception {
        return RawUpgrade.send(gateway.gateway().port(), "/ws",
                "Authorization: Bearer " + Tokens.forUser("origin-reload"), "Origin: " + origin);
    }

    /** A gateway whose message limit (1000 a minute) comes from a watched file, checked every second. */
    private static TestGateway startWatching(Path config) throws Exception {
        Files.writeString(config, "limits:\n  messages-per-minute: 1000\n");
        // The file, not the environment, sets the limit (an environment variable would win over it).
        return TestGateway.start(Map.of("WSFLEET_CONFIG", config.toString(),
                "MESSAGE_RATE_LIMIT", "", "CONFIG_RELOAD_SECONDS", "1"));
    }

    private static void chat(TestClient client, String id) {
        client.send("chat", payload("to", "nobody", "message", "x"), id);
    }
}
