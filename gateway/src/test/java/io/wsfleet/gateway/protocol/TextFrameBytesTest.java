package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextFrameBytesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 200_000})
    void theHeaderIsAFinalUnmaskedTextFrameWithTheShortestLengthThatFits(int length) {
        String text = "x".repeat(length);

        byte[] frame = TextFrameBytes.of(text);

        assertThat(frame[0] & 0xFF).as("FIN and opcode 1 (text)").isEqualTo(0x81);
        assertThat(frame[1] & 0x80).as("no mask bit").isZero();
        int header = length <= 125 ? 2 : length <= 65_535 ? 4 : 10;
        ByteBuffer bytes = ByteBuffer.wrap(frame);
        long declared = switch (header) {
            case 2 -> frame[1];
            case 4 -> bytes.getShort(2) & 0xFFFF;
            default -> bytes.getLong(2);
        };
        assertThat(frame[1] & 0x7F).isEqualTo(header == 2 ? length : header == 4 ? 126 : 127);
        assertThat(declared).isEqualTo(length);
        assertThat(frame).hasSize(header + length);
    }

    @Test
    void thePayloadIsTheTextInUtf8AndItsLengthCountsBytesNotCharacters() {
        String text = "{\"text\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\"}";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

        byte[] frame = TextFrameBytes.of(text);

        assertThat(frame[1]).isEqualTo((byte) utf8.length);
        assertThat(Arrays.copyOfRange(frame, 2, frame.length)).isEqualTo(utf8);
        assertThat(OutboundFrame.of(text, MessageType.CHAT, 0).wire()).isEqualTo(frame);
    }
}
