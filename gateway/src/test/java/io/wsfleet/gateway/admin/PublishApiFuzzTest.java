package io.wsfleet.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request bodies of the publish API, posted to a running gateway's admin port with the right key. The
 * first byte of an input picks the endpoint (broadcast, a user, a room), the rest is the body. Every
 * body is published (202) or refused with 400 and one of the documented codes (docs/protocol.md), or 413
 * when larger than the admin port's 128 KiB; never a 5xx.
 */
class PublishApiFuzzTest {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.perClass();

    private static final List<String> PATHS = List.of("/api/broadcast", "/api/users/fuzz-user/messages",
            "/api/rooms/fuzz-room/messages");
    private static final Set<String> REFUSALS = Set.of("bad_body", "bad_type", "bad_payload", "bad_from");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DictionaryEntries({"\"type\"", "\"payload\"", "\"from\"", "\"notification\"", "\"room_message\"",
            "\"room_id\"", "{}", "[]", "null", "true", "1e999"})
    @FuzzTest
    void aBodyIsPublishedOrRefusedWithADocumentedCode(byte[] input) throws Exception {
        String path = PATHS.get(input.length == 0 ? 0 : Math.floorMod(input[0], PATHS.size()));
        byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.adminUri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestGateway.API_KEY)
                .build());
        switch (response.statusCode()) {
            case 202 -> assertThat(JSON.readTree(response.body()).path("message_id").asText()).isNotEmpty();
            case 400 -> assertThat(JSON.readTree(response.body()).path("error").asText()).isIn(REFUSALS);
            case 413 -> assertThat(body.length).isGreaterThan(128 * 1024);
            default -> throw new AssertionError(response.statusCode() + " " + response.body());
        }
    }
}
