package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/** A client that stops reading is cut off with a backoff-class code and never slows anyone else. */
class SlowConsumerIT {
    // 20 MB in all: more than loopback socket buffers hold, so the slow reader's queue must overflow.
    private static final int MESSAGES = 20_000;
    private static final int BATCH = 100;
    private static final String BODY = "x".repeat(1024);

    @Test
    void slowReaderIsClosedWhileOthersReceiveEverythingInOrder() {
        try (TestGateway gateway = TestGateway.start(Map.of(
                "OUTBOUND_QUEUE_BYTES", String.valueOf(512 * 1024),
                "SHUTDOWN_GRACE_SECONDS", "20"));
             TestClient publisher = gateway.connect("slow-publisher");
             TestClient fast = gateway.connect("slow-fast");
             TestClient slow = gateway.connect("slow-slow")) {
            for (TestClient client : List.of(publisher, fast, slow)) {
                client.join("firehose");
            }
            slow.stopReading();

            // Published in batches that the readers keep up with; the slow one reads nothing at all.
            for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
                for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
                    publisher.send("room_message", payload("room_id", "firehose", "message", i + ":" + BODY), null);
                }
                int expected = (batch + 1) * BATCH;
                for (TestClient reader : List.of(publisher, fast)) {
                    reader.awaitCount("room_message", expected);
                }
            }

            // The slow user leaves the room as soon as its queue overflows, long before it reads anything.
            publisher.await(frame -> TestClient.is(frame, "user_left")
                    && frame.path("payload").path("user_id").asText().equals("slow-slow"));
            for (TestClient client : List.of(publisher, fast)) {
                List<Integer> sequence = client.frames("room_message").stream()
                        .map(SlowConsumerIT::sequenceNumber).toList();
                assertThat(sequence).isSorted().doesNotHaveDuplicates().hasSize(MESSAGES);
            }

            slow.resumeReading();
            TestClient.Closed closed = slow.awaitClose();
            assertThat(closed.code()).isEqualTo(CloseCode.SLOW_CONSUMER.code());
            assertThat(slow.frames("room_message").size()).isLessThan(MESSAGES);
        }
    }

    private static int sequenceNumber(JsonNode frame) {
        String message = frame.path("payload").path("message").asText();
        return Integer.parseInt(message.substring(0, message.indexOf(':')));
    }
}
