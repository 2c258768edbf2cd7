package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * Publications cross Redis as bytes and are framed from them: what members on another gateway receive,
 * what history replays and what the publish API reads back are the frame as published, multi-byte
 * characters intact, with a kept frame's {@code offset} and {@code epoch} as its last top-level fields.
 */
class KeptFramesAcrossRedisIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "bytes-room";
    private static final String TEXT = "h\u00e9llo \u4e16\u754c \ud83d\ude00";

    @Test
    void aKeptPublicationReachesAnotherGatewayWithItsPositionAndReadsBackTheSame() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestGateway publisher = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "bytes"));
             TestGateway other = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "bytes"));
             TestClient member = other.connect("bytes-member")) {
            member.join(ROOM);
            for (int i = 1; i <= 2; i++) {
                HttpResponse<String> published = publisher.post("/api/rooms/" + ROOM + "/messages",
                        "{\"type\":\"room_message\",\"from\":\"b\u00f6b\",\"payload\":{\"message\":\"" + TEXT + " " + i + "\"}}",
                        TestGateway.API_KEY);
                assertThat(published.statusCode()).isEqualTo(202);
            }
            member.awaitCount("room_message", 2);
            List<JsonNode> live = member.roomMessages(ROOM);

            for (int i = 0; i < 2; i++) {
                JsonNode frame = live.get(i);
                assertThat(fieldNames(frame)).containsExactly("type", "payload", "timestamp", "message_id", "from",
                        "offset", "epoch");
                assertThat(frame.path("payload").path("message").asText()).isEqualTo(TEXT + " " + (i + 1));
                assertThat(frame.path("from").asText()).isEqualTo("b\u00f6b");
                assertThat(frame.path("offset").asLong()).isEqualTo(i + 1);
                assertThat(frame.path("epoch").asText()).matches("[0-9a-z]{1,13}").isEqualTo(live.get(0).path("epoch").asText());
            }
            HttpResponse<String> read = other.send(HttpRequest.newBuilder(other.adminUri("/api/rooms/" + ROOM + "/messages"))
                    .header("Authorization", "Bearer " + TestGateway.API_KEY).GET().build());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("messages")).containsExactlyElementsOf(live);
            member.send("history", payload("room_id", ROOM), "h1");
            assertThat(member.awaitAck("h1").path("payload").path("messages")).containsExactlyElementsOf(live);
        }
    }

    @Test
    void anExclusionByAUserWithMultiByteCharactersHoldsAcrossGateways() {
        try (RedisServer redis = RedisServer.start();
             TestGateway a = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "bytes-typing"));
             TestGateway b = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "bytes-typing"));
             TestClient typist = a.connect("\u00fcn\u00ef");
             TestClient typistsPhone = b.connect("\u00fcn\u00ef");
             TestClient reader = b.connect("bytes-reader")) {
            for (TestClient client : List.of(typist, typistsPhone, reader)) {
                client.join(ROOM);
            }
            typist.send("typing", payload("room_id", ROOM), "t1");

            JsonNode typing = reader.await("typing");
            assertThat(typing.path("from").asText()).isEqualTo("\u00fcn\u00ef");
            assertThat(typing.has("offset")).isFalse();
            typistsPhone.sync();
            assertThat(typistsPhone.frames("typing")).isEmpty();
        }
    }

    private static List<String> fieldNames(JsonNode frame) {
        List<String> names = new ArrayList<>();
        frame.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
