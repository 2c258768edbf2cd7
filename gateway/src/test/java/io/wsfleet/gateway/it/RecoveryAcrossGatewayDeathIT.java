package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static io.wsfleet.gateway.support.TestClient.position;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.GatewayProcess;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * A member's gateway dies (SIGKILL, as an OOM kill or a node failure) or is drained (SIGTERM, as a
 * rollout or a scale-down) while a room is busy; the member reconnects to another gateway with its
 * last position and gets every message exactly once, in order.
 */
class RecoveryAcrossGatewayDeathIT {
    private static final String ROOM = "death-room";
    private static final int MESSAGES = 40;

    @Test
    void aMemberWhoseGatewayWasKilledRecoversEverythingOnAnotherGateway() throws Exception {
        runWithTheGatewayStopped(false);
    }

    @Test
    void aMemberWhoseGatewayWasDrainedRecoversEverythingOnAnotherGateway() throws Exception {
        runWithTheGatewayStopped(true);
    }

    private static void runWithTheGatewayStopped(boolean drained) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> environment = new HashMap<>(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "death"));
            try (TestGateway survivor = TestGateway.start(environment);
                 GatewayProcess doomed = GatewayProcess.start(environment);
                 TestClient publisher = survivor.connect("death-publisher")) {
                publisher.join(ROOM);
                TestClient member = doomed.connect("death-member");
                member.join(ROOM);
                for (int i = 0; i < MESSAGES; i++) {
                    publisher.send("room_message", payload("room_id", ROOM, "message", "d-" + i), "d-" + i);
                    if (i == MESSAGES / 2) {
                        member.await(frame -> TestClient.is(frame, "room_message"));
                        if (drained) {
                            doomed.terminate();
                        } else {
                            doomed.kill();
                        }
                    }
                    Thread.sleep(5);
                }
                publisher.awaitAck("d-" + (MESSAGES - 1));
                TestClient.Closed closed = member.awaitClose();
                if (drained) {
                    assertThat(closed.code()).isEqualTo(1012); // reconnect now
                }
                List<JsonNode> before = member.roomMessages(ROOM);
                assertThat(before).isNotEmpty();

                try (TestClient back = survivor.connect("death-member")) {
                    JsonNode ack = back.join(ROOM, position(before.getLast()));
                    assertThat(ack.path("payload").path("recovered").asBoolean()).isTrue();
                    back.await(frame -> TestClient.message(frame).equals("d-" + (MESSAGES - 1)));
                    back.sync();
                    List<String> all = new ArrayList<>(before.stream().map(TestClient::message).toList());
                    all.addAll(back.roomMessages(ROOM).stream().map(TestClient::message).toList());
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < MESSAGES; i++) {
                        expected.add("d-" + i);
                    }
                    assertThat(all).containsExactlyElementsOf(expected);
                }
            }
        }
    }
}
