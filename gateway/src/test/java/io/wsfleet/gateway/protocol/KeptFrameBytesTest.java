package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.history.StreamPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytes a member's socket gets for a kept publication: the frame as encoded, with {@code offset} and
 * {@code epoch} spliced in as its last top-level fields, whether it came from Redis as bytes or was
 * encoded on this gateway, and its multi-byte characters intact.
 */
class KeptFrameBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "h\u00e9llo \u4e16\u754c \ud83d\ude00";
    private static final String FRAME = "{\"type\":\"room_message\",\"payload\":{\"room_id\":\"lobby\",\"message\":\""
            + MESSAGE + "\"},\"timestamp\":1700000000123,\"message_id\":\"srv-1\",\"from\":\"b\u00f6b\"}";
    private static final StreamPosition POSITION = new StreamPosition(42, "k3x9");

    @Test
    void aFrameReceivedAtAPositionGetsOffsetAndEpochAsItsLastTopLevelFields() throws Exception {
        String kept = positioned(FRAME, "42", "k3x9");
        byte[] message = ("u3:bob" + FRAME).getBytes(StandardCharsets.UTF_8);

        OutboundFrame frame = OutboundFrame.received(message, 6, POSITION);

        assertThat(frame.wire()).isEqualTo(TextFrameBytes.of(kept));
        assertThat(frame.text()).isEqualTo(kept);
        assertThat(frame.bytes()).isEqualTo(kept.getBytes(StandardCharsets.UTF_8).length);
        assertThat(frame.position()).isEqualTo(POSITION);
        assertThat(frame.type()).isEqualTo(MessageType.ROOM_MESSAGE);
        assertThat(frame.timestamp()).isEqualTo(1_700_000_000_123L);
        JsonNode json = JSON.readTree(frame.text());
        assertThat(json.path("offset").asLong()).isEqualTo(42);
        assertThat(json.path("epoch").asText()).isEqualTo("k3x9");
        assertThat(json.path("payload").path("message").asText()).isEqualTo(MESSAGE);
        assertThat(json.path("from").asText()).isEqualTo("b\u00f6b");
        assertThat(json.path("payload").has("offset")).isFalse();
    }

    @Test
    void aFrameEncodedHereIsPositionedToTheSameBytes() {
        String kept = positioned(FRAME, "42", "k3x9");
        byte[] expected = TextFrameBytes.of(kept);
        OutboundFrame framedFirst = OutboundFrame.of(FRAME, MessageType.ROOM_MESSAGE, 1);
        framedFirst.wire();

        assertThat(OutboundFrame.of(FRAME, MessageType.ROOM_MESSAGE, 1).at(POSITION).wire()).isEqualTo(expected);
        assertThat(framedFirst.at(POSITION).wire()).isEqualTo(expected);
        assertThat(framedFirst.at(POSITION).bytes()).isEqualTo(kept.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 1_000_000_007L, Long.MAX_VALUE})
    void everyOffsetIsWrittenInFull(long offset) {
        OutboundFrame frame = OutboundFrame.of(FRAME, MessageType.ROOM_MESSAGE, 1).at(new StreamPosition(offset, "e"));

        assertThat(frame.text()).isEqualTo(positioned(FRAME, Long.toString(offset), "e"));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 125, 65_500, 65_535})
    void thePositionMayTakeAFrameIntoALongerLengthHeader(int frameBytes) {
        String frame = "{\"type\":\"chat\",\"timestamp\":1,\"payload\":\"" + "x".repeat(frameBytes - 40) + "\"}";
        String kept = positioned(frame, "7", "k3x9");
        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);

        byte[] wire = OutboundFrame.received(utf8, 0, new StreamPosition(7, "k3x9")).wire();

        assertThat(wire).isEqualTo(TextFrameBytes.of(kept));
        assertThat(OutboundFrame.received(utf8, 0, new StreamPosition(7, "k3x9")).text()).isEqualTo(kept);
    }

    @Test
    void aFrameReceivedWithoutAPositionIsFramedAsItCame() {
        byte[] message = ("-" + FRAME).getBytes(StandardCharsets.UTF_8);

        OutboundFrame frame = OutboundFrame.received(message, 1, null);

        assertThat(frame.wire()).isEqualTo(TextFrameBytes.of(FRAME));
        assertThat(frame.text()).isEqualTo(FRAME);
        assertThat(frame.kept()).isFalse();
        assertThat(frame.bytes()).isEqualTo(FRAME.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void bytesThatDoNotCloseTheEnvelopeAreNotPositioned() {
        byte[] cut = FRAME.substring(0, FRAME.length() - 1).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OutboundFrame.received(cut, 0, POSITION)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The kept frame as the protocol documents it, written by hand. */
    private static String positioned(String frame, String offset, String epoch) {
        return frame.substring(0, frame.length() - 1) + ",\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}";
    }
}
