package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages of rooms marked encrypted cross Redis as Fernet tokens; members still read plaintext. */
class EncryptedRoomsIT {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void redisSeesOnlyCiphertextForEncryptedRooms(@TempDir Path dir) throws Exception {
        Path rooms = Files.writeString(dir.resolve("rooms.yaml"), """
                rooms:
                  - id: vault
                    encrypted: true
                  - id: square
                """);
        Map<String, String> environment = Map.of("ROOMS_FILE", rooms.toString(), "MESSAGE_ENCRYPTION_KEY", KEY,
                "REDIS_PREFIX", "enc");
        try (RedisServer redis = RedisServer.start();
             TestGateway a = TestGateway.start(with(environment, redis));
             TestGateway b = TestGateway.start(with(environment, redis));
             TestClient alice = a.connect("enc-alice");
             TestClient bob = b.connect("enc-bob")) {
            List<String> onTheWire = new CopyOnWriteArrayList<>();
            RedisClient spy = RedisClient.create(redis.uri());
            try (var tap = spy.connectPubSub()) {
                tap.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        onTheWire.add(channel + " " + message);
                    }
                });
                tap.sync().subscribe("enc:room:vault", "enc:room:square");
                for (String room : List.of("vault", "square")) {
                    alice.join(room);
                    bob.join(room);
                    alice.send("room_message", payload("room_id", room, "message", "words in " + room), null);
                    bob.await(frame -> TestClient.is(frame, "room_message")
                            && frame.path("payload").path("message").asText().equals("words in " + room));
                }
                await().until(() -> onTheWire.stream().anyMatch(line -> line.startsWith("enc:room:vault F"))
                        && onTheWire.stream().anyMatch(line -> line.contains("words in square")));
                assertThat(onTheWire).noneMatch(line -> line.contains("words in vault"));
            } finally {
                spy.shutdown();
            }
        }
    }

    @Test
    void anEncryptedRoomWithoutAKeyIsRefusedAtStart(@TempDir Path dir) throws Exception {
        Path rooms = Files.writeString(dir.resolve("rooms.yaml"), "rooms:\n  - id: vault\n    encrypted: true\n");
        assertThatThrownBy(() -> TestGateway.start(Map.of("ROOMS_FILE", rooms.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MESSAGE_ENCRYPTION_KEY");
    }

    private static Map<String, String> with(Map<String, String> environment, RedisServer redis) {
        var all = new java.util.HashMap<>(environment);
        all.put("REDIS_URL", redis.uri());
        return all;
    }
}
